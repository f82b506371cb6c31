using ChatCoach.Core.Conversation;
using ChatCoach.Storage.Contract.Tests.Backends;
using NodaTime;

namespace ChatCoach.Storage.Contract.Tests.Contracts;

/// <summary>The base of every contract class: a fresh <typeparamref name="TBackend"/> for each test.</summary>
public abstract class StoreContract<TBackend> : IAsyncLifetime
    where TBackend : IStoreBackend, new()
{
    protected static readonly PersonKey Ann = new("telegram", "42");
    protected static readonly PersonKey Bob = new("discord", "77");
    protected static readonly ChatAddress DirectChat = new("telegram", "42");
    protected static readonly ChatAddress GuildChannel = new("discord", "900", "guild-7");
    protected static readonly LocalDate Monday = new(2026, 11, 23);

    /// <summary>Whole seconds: LiteDB keeps milliseconds and PostgreSQL microseconds, so finer instants differ by store.</summary>
    protected static readonly Instant Morning = Instant.FromUtc(2026, 11, 23, 7, 0, 5);

    protected static CancellationToken None => CancellationToken.None;

    protected TBackend Backend { get; } = new();

    public Task InitializeAsync() => Backend.InitializeAsync();

    public async Task DisposeAsync() => await Backend.DisposeAsync();
}
