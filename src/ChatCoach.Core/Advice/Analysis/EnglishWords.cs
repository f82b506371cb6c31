namespace ChatCoach.Core.Advice.Analysis;

/// <summary>
/// Common English words the spell checker must leave alone: <c>data/english-words.txt</c> (from SCOWL, licence in
/// <c>data/english-words.LICENSE</c>), compiled into this assembly as a resource so that no path can be wrong.
/// </summary>
internal static class EnglishWords
{
    public const string ResourceName = "ChatCoach.Core.Advice.english-words.txt";

    private static readonly Lazy<string[]> Words = new(Load);

    public static IReadOnlyList<string> All => Words.Value;

    private static string[] Load()
    {
        using var stream = typeof(EnglishWords).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
