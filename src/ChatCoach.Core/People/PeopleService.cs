using ChatCoach.Core.Conversation;
using NodaTime;

namespace ChatCoach.Core.People;

/// <summary>The result of <c>/link CODE</c>.</summary>
public enum LinkResult
{
    Linked,
    AlreadyLinked,
    WrongCode,
    Expired,
    OwnCode,
    TooManyTries,
}

/// <param name="Result">What happened.</param>
/// <param name="Accounts">The person's accounts after linking.</param>
/// <param name="TimeZoneId">The merged person's zone (null: UTC).</param>
/// <param name="ZoneFromThisAccount">True when the zone came from the account that typed the code.</param>
/// <param name="TriesLeft">Wrong tries left this hour.</param>
/// <param name="RetryAt">With <see cref="LinkResult.TooManyTries"/>: when codes are accepted again.</param>
public sealed record LinkOutcome(LinkResult Result, IReadOnlyList<PersonKey> Accounts, string? TimeZoneId = null, bool ZoneFromThisAccount = false, int TriesLeft = 0, Instant? RetryAt = null)
{
    /// <summary>The merged person's chosen language (<c>en</c>, <c>zh</c>), or null when neither account chose one.</summary>
    public string? Language { get; init; }

    /// <summary>True when the language came from the account that typed the code.</summary>
    public bool LanguageFromThisAccount { get; init; }
}

/// <summary>
/// Links, unlinks and forgets accounts. Every change takes the locks of the people involved (<see cref="PersonGate"/>)
/// and reads the links again under them, so racing links, and commands arriving meanwhile, see one consistent person.
/// </summary>
public sealed class PeopleService(IAccountLinkStore links, PersonData data, PersonGate gate, TimeProvider time)
{
    public const int MaxWrongTries = 5;
    public static readonly Duration CodeLifetime = Duration.FromMinutes(10);
    public static readonly Duration WrongTryWindow = Duration.FromHours(1);

    private Instant Now => PersonClock.UtcNow(time);

    /// <summary>A new code for the account (replacing any earlier one); only its hash is stored.</summary>
    public async Task<string> CreateCodeAsync(PersonKey account, CancellationToken cancellationToken)
    {
        var code = LinkCodes.Create();
        await links.SaveCodeAsync(new PendingLinkCode(LinkCodes.Hash(code), account, Now + CodeLifetime), cancellationToken);
        return code;
    }

    /// <summary>The person's accounts (just the account itself when it is not linked).</summary>
    public async Task<IReadOnlyList<PersonKey>> AccountsOfAsync(PersonKey account, CancellationToken cancellationToken)
    {
        var person = await links.FindPersonAsync(account, cancellationToken) ?? account;
        var accounts = await links.GetAccountsAsync(person, cancellationToken);
        return accounts.Count == 0 ? [account] : accounts;
    }

    /// <summary>Joins the account that typed <paramref name="typedCode"/> with the account that asked for it.</summary>
    public async Task<LinkOutcome> LinkAsync(PersonKey typer, string typedCode, CancellationToken cancellationToken)
    {
        var since = Now - WrongTryWindow;
        var tries = await links.GetWrongTriesAsync(typer, since, cancellationToken);
        if (tries.Count >= MaxWrongTries)
        {
            return new LinkOutcome(LinkResult.TooManyTries, [], RetryAt: tries[^MaxWrongTries] + WrongTryWindow);
        }

        var code = LinkCodes.Normalize(typedCode) is { } normalized ? await links.TakeCodeAsync(LinkCodes.Hash(normalized), cancellationToken) : null;
        if (code is null)
        {
            tries = await links.RecordWrongTryAsync(typer, Now, since, cancellationToken);
            return new LinkOutcome(LinkResult.WrongCode, [], TriesLeft: Math.Max(0, MaxWrongTries - tries.Count), RetryAt: tries.Count >= MaxWrongTries ? tries[^MaxWrongTries] + WrongTryWindow : null);
        }

        if (code.ExpiresAt <= Now)
        {
            return new LinkOutcome(LinkResult.Expired, []);
        }

        if (code.Account == typer)
        {
            return new LinkOutcome(LinkResult.OwnCode, []);
        }

        while (true)
        {
            var target = await links.FindPersonAsync(code.Account, cancellationToken) ?? code.Account;
            var source = await links.FindPersonAsync(typer, cancellationToken) ?? typer;
            using var hold = await gate.EnterAsync([target, source], cancellationToken);
            if ((await links.FindPersonAsync(code.Account, cancellationToken) ?? code.Account) != target
                || (await links.FindPersonAsync(typer, cancellationToken) ?? typer) != source)
            {
                continue; // Another link or unlink moved one of them meanwhile: start again with the new people.
            }

            var sourceAccounts = await AccountsOrSelfAsync(source, cancellationToken);
            if (source == target)
            {
                return new LinkOutcome(LinkResult.AlreadyLinked, sourceAccounts);
            }

            var sourceZone = (await data.People.FindAsync(source, cancellationToken))?.TimeZoneId;
            var sourceLanguage = await data.People.FindLanguageAsync(source, cancellationToken);
            var profile = await data.MergeAsync(source, target, cancellationToken);

            // Links first, then the source's copy goes: a crash in between leaves unreachable rows, never a loss.
            var at = Now;
            await links.SaveLinkAsync(target, target, at, cancellationToken);
            foreach (var account in sourceAccounts)
            {
                await links.SaveLinkAsync(account, target, at, cancellationToken);
            }

            await data.DeleteAsync(source, cancellationToken);
            return new LinkOutcome(LinkResult.Linked, await links.GetAccountsAsync(target, cancellationToken), profile.TimeZoneId, sourceZone is not null)
            {
                Language = await data.People.FindLanguageAsync(target, cancellationToken),
                LanguageFromThisAccount = sourceLanguage is not null,
            };
        }
    }

    /// <summary>
    /// Detaches the account from its person. Both keep the history up to now (the account gets a copy); from now on their
    /// days count separately. Returns the accounts that stay together, or null when the account was not linked.
    /// </summary>
    public async Task<IReadOnlyList<PersonKey>?> UnlinkAsync(PersonKey account, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await links.FindPersonAsync(account, cancellationToken) is not { } person)
            {
                return null;
            }

            var accounts = await links.GetAccountsAsync(person, cancellationToken);
            var rest = accounts.Where(a => a != account).ToList();

            // The person's key is an account's own key: when that account leaves, the others move to the next one.
            var heir = account == person ? rest.FirstOrDefault() : account;
            using var hold = await gate.EnterAsync(heir is null ? [person] : [person, heir], cancellationToken);
            if (await links.FindPersonAsync(account, cancellationToken) != person)
            {
                continue;
            }

            if (heir is not null)
            {
                await data.MergeAsync(person, heir, cancellationToken);
            }

            var at = Now;
            if (account == person && heir is not null)
            {
                foreach (var other in rest)
                {
                    await links.SaveLinkAsync(other, heir, at, cancellationToken);
                }
            }

            await links.RemoveLinkAsync(account, cancellationToken);
            var remaining = account == person ? heir : person;
            if (rest.Count == 1 && remaining is not null)
            {
                await links.RemoveLinkAsync(remaining, cancellationToken); // a person of one account needs no link
            }

            return rest;
        }
    }

    /// <summary>Deletes the person the account belongs to, with every linked account.</summary>
    public async Task<ForgetOutcome> ForgetAsync(PersonKey account, CancellationToken cancellationToken)
    {
        while (true)
        {
            var person = await links.FindPersonAsync(account, cancellationToken) ?? account;
            using var hold = await gate.EnterAsync([person], cancellationToken);
            if ((await links.FindPersonAsync(account, cancellationToken) ?? account) != person)
            {
                continue;
            }

            var accounts = await AccountsOrSelfAsync(person, cancellationToken);
            var keys = accounts.Append(person).Append(account).Distinct().ToList();
            var total = new ForgetOutcome(0, 0, 0, 0, 0, 0, 0, 0);
            foreach (var key in keys)
            {
                var deleted = await data.DeleteAsync(key, cancellationToken);
                var kept = await data.ForgetCreatorAsync(key, cancellationToken);
                await links.DeletePersonAsync(key, cancellationToken);
                total = new ForgetOutcome(
                    total.Accounts,
                    total.Profiles + deleted.Profiles,
                    total.Completions + deleted.Completions,
                    total.StreakSummaries + deleted.StreakSummaries,
                    total.CheckIns + deleted.CheckIns,
                    total.Pauses + deleted.Pauses,
                    total.LeaderboardEntries + deleted.LeaderboardEntries,
                    total.SubscriptionsKept + kept,
                    total.Reminders + deleted.Reminders,
                    total.ProgressionLevels + deleted.ProgressionLevels);
            }

            return total with { Accounts = keys.Count };
        }
    }

    private async Task<IReadOnlyList<PersonKey>> AccountsOrSelfAsync(PersonKey person, CancellationToken cancellationToken)
    {
        var accounts = await links.GetAccountsAsync(person, cancellationToken);
        return accounts.Count == 0 ? [person] : accounts;
    }
}
