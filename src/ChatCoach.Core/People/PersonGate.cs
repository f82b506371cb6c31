using ChatCoach.Core.Conversation;

namespace ChatCoach.Core.People;

/// <summary>
/// Per-person locks shared by the router and the link, unlink and forget commands, so no command writes a person's
/// data while their accounts are being joined, split or deleted. Striped: bounded memory however many people write.
/// A command holds one stripe; only <see cref="PeopleService"/> takes two, always in stripe order, so none deadlock.
/// </summary>
public sealed class PersonGate
{
    private const int Stripes = 256;
    private readonly SemaphoreSlim[] _locks = [.. Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>Holds the stripes of every given person until the result is disposed.</summary>
    public async Task<IDisposable> EnterAsync(IEnumerable<PersonKey> people, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(people);
        var stripes = people.Select(StripeOf).Distinct().Order().ToArray();
        var taken = new List<SemaphoreSlim>(stripes.Length);
        try
        {
            foreach (var stripe in stripes)
            {
                await _locks[stripe].WaitAsync(cancellationToken);
                taken.Add(_locks[stripe]);
            }
        }
        catch
        {
            Release(taken);
            throw;
        }

        return new Held(taken);
    }

    private static int StripeOf(PersonKey person) => (int)((uint)StringComparer.Ordinal.GetHashCode(person.ToString()) % Stripes);

    private static void Release(List<SemaphoreSlim> taken)
    {
        for (var i = taken.Count - 1; i >= 0; i--)
        {
            taken[i].Release();
        }
    }

    private sealed class Held(List<SemaphoreSlim> taken) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Release(taken);
            }
        }
    }
}

/// <summary>Marks a command that takes the person locks itself (it joins, splits or deletes people).</summary>
public interface IPersonChangingCommand;

/// <summary>
/// Resolves the sender's account to their person before a handler runs (the one place where links are read), and
/// holds that person's lock while it runs.
/// </summary>
public sealed class PersonResolver(IAccountLinkStore links, PersonGate gate)
{
    /// <summary>The message with <see cref="InboundMessage.LinkedPerson"/> set, and the lock to dispose when the handler is done.</summary>
    public async Task<(InboundMessage Message, IDisposable Hold)> EnterAsync(InboundMessage message, bool lockPerson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        while (true)
        {
            var person = await links.FindPersonAsync(message.Account, cancellationToken);
            var resolved = message with { LinkedPerson = person };
            if (!lockPerson)
            {
                return (resolved, NoHold.Instance);
            }

            var hold = await gate.EnterAsync([resolved.Person], cancellationToken);

            // A link or unlink may have finished while we waited; then take the new person's lock instead.
            if (await links.FindPersonAsync(message.Account, cancellationToken) == person)
            {
                return (resolved, hold);
            }

            hold.Dispose();
        }
    }

    private sealed class NoHold : IDisposable
    {
        public static NoHold Instance { get; } = new();

        public void Dispose()
        {
        }
    }
}
