namespace ChatCoach.Core.Advice;

/// <summary>
/// The engine's few numbers, calibrated by cross-validation on the development labelled set (the BM25 weight and the
/// labelled neighbours' k, weight and scope use by leave-one-set-out over the seven spent chat sets, advice8)
/// (<c>benchmarks/ChatCoach.Benchmarks -- calibrate</c>; docs/advice-engine.md has the figures). Nothing here names a
/// word or a question: each is a weight or a threshold on a similarity or a score.
/// </summary>
public sealed record AdviceTuning
{
    /// <summary>Cosine of an entry = (1 − mix) × best title/question match + mix × best passage match.</summary>
    public float PassageMix { get; init; } = 0.3f;

    /// <summary>Fused entry score = cosine + <see cref="Bm25Weight"/> × bm25 / (bm25 + <see cref="Bm25HalfScore"/>).</summary>
    public float Bm25Weight { get; init; } = 0.5f;

    /// <summary>In a message with several sentences, match entries on its questions (and its gist) only.</summary>
    public bool QuestionFocus { get; init; } = true;

    public float Bm25HalfScore { get; init; } = 4f;

    /// <summary>How many of the nearest labelled advice messages vote for their entries (0: no vote).</summary>
    public int TopicNeighbours { get; init; } = 3;

    /// <summary>Fused entry score += this × the entry's share of the neighbours' similarity-weighted vote (0 to 1).</summary>
    public float TopicVoteWeight { get; init; } = 0.1f;

    /// <summary>
    /// Fused entry score += this × the topic classifier's probability of the entry (0: classifier unused). With the
    /// word features (advice10), λ 1e-4, leave-one-set-out over the nine English sets gives 1,179/1,264 at 1.0 and
    /// 1,170 at 0.6 (sentence vectors alone, λ 1e-5: 1,148 at 0.4; <c>classifier-crossset</c>).
    /// </summary>
    public float TopicClassifierWeight { get; init; } = 1f;

    /// <summary>Labelled adjacent, unrelated and advice messages count as scope exemplars beside the written ones.</summary>
    public bool LabelledScope { get; init; } = true;

    /// <summary>Scope score of a class: the mean similarity of its <see cref="Neighbours"/> nearest exemplars.</summary>
    public int Neighbours { get; init; } = 1;

    /// <summary>Added to the advice score when the message names the knee (lexical evidence beside the vectors).</summary>
    public float KneeBonus { get; init; }

    /// <summary>Added to the advice score in proportion to the best entry's squashed BM25 score.</summary>
    public float LexicalBonus { get; init; }

    public float LexicalHalfScore { get; init; } = 20f;

    public float AdjacentBias { get; init; } = 0.05f;

    public float UnrelatedBias { get; init; } = 0.1f;

    /// <summary>Below this similarity to the nearest advice exemplar a message is never advice.</summary>
    public float MinAdviceSimilarity { get; init; } = 0.3f;

    /// <summary>Semantic red-flag net: a sentence this close to a sign's exemplars…</summary>
    public float FlagSimilarity { get; init; } = 0.65f;

    /// <summary>…and at least this much closer to them than to any safe exemplar escalates.</summary>
    public float FlagMargin { get; init; } = 0.1f;

    public static AdviceTuning Default { get; } = new();
}
