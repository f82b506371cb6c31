namespace ChatCoach.Core.Advice.Semantic;

/// <summary>One labelled example message: a scope class (advice, adjacent, unrelated) or a red-flag code (or safe).</summary>
public sealed record Exemplar(string Label, string Text);

/// <summary>
/// The exemplar files under <c>data/exemplars</c>, compiled into this assembly as resources: <c>scope.tsv</c> and
/// <c>red-flags.tsv</c>, each <c>label&lt;TAB&gt;message</c> with <c>#</c> comments.
/// </summary>
public static class Exemplars
{
    public const string ScopeResource = "ChatCoach.Core.Advice.exemplars.scope.tsv";
    public const string RedFlagResource = "ChatCoach.Core.Advice.exemplars.red-flags.tsv";

    public const string Advice = "advice";
    public const string Adjacent = "adjacent";
    public const string Unrelated = "unrelated";
    public const string Safe = "safe";

    public static IReadOnlyList<Exemplar> Scope() => Load(ScopeResource);

    public static IReadOnlyList<Exemplar> RedFlags() => Load(RedFlagResource);

    public static IReadOnlyList<Exemplar> Parse(string text, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<Exemplar>();
        foreach (var (number, line) in DataLines.Of(text))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0 || tab == line.Length - 1)
            {
                throw new FormatException($"{name} line {number}: expected 'label<TAB>message'.");
            }

            result.Add(new Exemplar(line[..tab].Trim(), line[(tab + 1)..].Trim()));
        }

        return result;
    }

    private static IReadOnlyList<Exemplar> Load(string resource)
    {
        using var stream = typeof(Exemplars).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"resource {resource} is missing from the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), resource);
    }
}
