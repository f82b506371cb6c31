namespace ChatCoach.Core.Operations;

/// <summary>
/// An enabled chat adapter's own view of whether it is connected and receiving, for the host's readiness check.
/// The adapter keeps it current; the host only reads it, so it never needs to know how a platform connects.
/// </summary>
public interface IAdapterReadiness
{
    /// <summary>Lower-case platform name: <c>telegram</c>, <c>discord</c>.</summary>
    string Platform { get; }

    /// <summary>True while the adapter is connected and receiving.</summary>
    bool IsReady { get; }

    /// <summary>One line for an operator: what the adapter is doing now ("receiving", "connecting", "rejected token").</summary>
    string Status { get; }
}
