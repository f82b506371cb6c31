using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace ChatCoach.Core.Advice.Analysis;

/// <summary>
/// Replaces a word the knowledge base does not know by its closest known word ("kneee" → "knee") and marks the
/// token's type as <see cref="CorrectedType"/>, so that retrieval can trust it a little less than a typed word.
/// Sits before the synonym filter, so a corrected "kneecapp" still becomes "patella".
/// </summary>
internal sealed class TypoCorrectionFilter : TokenFilter
{
    public const string CorrectedType = "<CORRECTED>";

    private readonly TypoCorrector _corrector;
    private readonly ICharTermAttribute _term;
    private readonly ITypeAttribute _type;

    public TypoCorrectionFilter(TokenStream input, TypoCorrector corrector)
        : base(input)
    {
        _corrector = corrector;
        _term = AddAttribute<ICharTermAttribute>();
        _type = AddAttribute<ITypeAttribute>();
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }

        if (_corrector.Correct(_term.Buffer.AsSpan(0, _term.Length)) is { } correction)
        {
            _term.SetEmpty().Append(correction);
            _type.Type = CorrectedType;
        }

        return true;
    }
}
