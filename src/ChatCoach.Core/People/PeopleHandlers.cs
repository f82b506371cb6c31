using System.Globalization;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.Resources;
using NodaTime;

namespace ChatCoach.Core.People;

/// <summary><c>/link</c> gives a one-time code in a direct chat; <c>/link CODE</c> on the other account joins the two.</summary>
public sealed class LinkHandler(PeopleService people) : ICommandHandler, IPersonChangingCommand
{
    public string Name => "link";

    public string Usage => "link [code]";

    public string Description => "Join your accounts on Telegram and Discord into one streak and history";

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var account = request.Message.Account;
        if (request.Arguments.Length == 0)
        {
            if (!request.Message.IsDirect)
            {
                return PeopleTexts.DirectOnly("link");
            }

            var code = await people.CreateCodeAsync(account, cancellationToken);
            return new Reply
            {
                Title = "Your link code",
                Blocks =
                [
                    new Paragraph(code),
                    new Paragraph($"On your other account (Telegram, Discord or the console), send /link {code} within {PeopleService.CodeLifetime.TotalMinutes:0} minutes. It works once; don't share it."),
                ],
                IsPrivate = true,
            };
        }

        var outcome = await people.LinkAsync(account, request.Arguments, cancellationToken);
        return outcome.Result switch
        {
            LinkResult.Linked => new Reply
            {
                Title = "Accounts linked 🔗",
                Blocks =
                [
                    new BulletList([.. outcome.Accounts.Select(a => PeopleTexts.Describe(a, account))], "One person, one streak:"),
                    new Paragraph("Your completions, pauses and check-ins are merged (a day done on both counts once) and your streak is worked out again from them."),
                    new Paragraph(outcome.TimeZoneId is null
                        ? "Time zone: UTC (neither account had one; set it with /timezone)."
                        : outcome.ZoneFromThisAccount
                            ? $"Time zone: {outcome.TimeZoneId}, this account's (the account that types the code wins)."
                            : $"Time zone: {outcome.TimeZoneId}, from your other account (this one had none)."),
                    .. LanguageLine(outcome),
                    new Paragraph("Send /unlink to split them again, /whoami to see them."),
                ],
                IsPrivate = true,
            },
            LinkResult.AlreadyLinked => Reply.Text("Already linked", "These accounts are already one person. /whoami lists them."),
            LinkResult.OwnCode => Reply.Error("That code came from this account.", "Send it from your other account."),
            LinkResult.Expired => Reply.Error("That code has expired (codes last 10 minutes).", "Send /link on your other account for a new one."),
            LinkResult.TooManyTries => Reply.Error(
                string.Create(CultureInfo.InvariantCulture, $"Too many wrong codes: linking from this account is paused until {PeopleTexts.Time(outcome.RetryAt)} UTC.")),
            _ => outcome.TriesLeft > 0
                ? Reply.Error($"That code isn't right ({outcome.TriesLeft} {(outcome.TriesLeft == 1 ? "try" : "tries")} left this hour).", "Codes are 8 letters and digits; send /link on your other account for a new one.")
                : Reply.Error(string.Create(CultureInfo.InvariantCulture, $"That code isn't right, and that was the last try: linking from this account is paused until {PeopleTexts.Time(outcome.RetryAt)} UTC.")),
        };
    }

    /// <summary>Which chosen language the merged person keeps, said in that language; nothing when neither account chose one.</summary>
    private static IEnumerable<ReplyBlock> LanguageLine(LinkOutcome outcome)
    {
        if (Languages.Parse(outcome.Language) is not { } language)
        {
            yield break;
        }

        var culture = Languages.CultureOf(language);
        var name = ChatTexts.Get("language.name." + language, culture);
        yield return new Paragraph(ChatTexts.Format(outcome.LanguageFromThisAccount ? "link.language.this" : "link.language.other", culture, name));
    }
}

/// <summary><c>/unlink</c>: this account leaves its person, with a copy of the history so far.</summary>
public sealed class UnlinkHandler(PeopleService people) : ICommandHandler, IPersonChangingCommand
{
    public string Name => "unlink";

    public string Usage => "unlink";

    public string Description => "Split this account from your linked accounts (both keep the history so far)";

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rest = await people.UnlinkAsync(request.Message.Account, cancellationToken);
        if (rest is null)
        {
            return Reply.Text("Not linked", "This account isn't linked to another one. /link joins it with your other account.");
        }

        return new Reply
        {
            Title = "Unlinked",
            Blocks =
            [
                new Paragraph("This account is on its own again. It keeps the history up to today, and so do your other accounts; from now on their days count separately."),
                new BulletList([.. rest.Select(a => PeopleTexts.Describe(a, null))], "No longer linked to this one:"),
            ],
            IsPrivate = true,
        };
    }
}

/// <summary><c>/whoami</c>: the accounts that make up this person.</summary>
public sealed class WhoAmIHandler(PeopleService people) : ICommandHandler
{
    public string Name => "whoami";

    public string Usage => "whoami";

    public string Description => "Show which accounts are linked into your one streak";

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var account = request.Message.Account;
        var accounts = await people.AccountsOfAsync(account, cancellationToken);
        return new Reply
        {
            Title = "Who you are here",
            Blocks =
            [
                new BulletList([.. accounts.Select(a => PeopleTexts.Describe(a, account))], accounts.Count > 1 ? "Linked accounts (one streak):" : "Your account:"),
                new Paragraph(accounts.Count > 1 ? "/unlink splits this account off." : "/link joins this account with your account on another platform."),
            ],
            IsPrivate = true,
        };
    }
}

internal static class PeopleTexts
{
    public static string Describe(PersonKey account, PersonKey? current)
    {
        var platform = account.Platform switch
        {
            "telegram" => "Telegram",
            "discord" => "Discord",
            "console" => "Console",
            var other => other,
        };
        return account == current ? $"{platform} account {account.UserId} (this one)" : $"{platform} account {account.UserId}";
    }

    public static string Time(Instant? at) =>
        at is { } instant ? instant.ToDateTimeUtc().ToString("HH:mm", CultureInfo.InvariantCulture) : "later";

    public static Reply DirectOnly(string command) =>
        Reply.Error($"/{command} only works in a direct chat with me, so nobody else sees it.", $"Send me /{command} in a direct message.");
}
