using System.Globalization;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.Resources;
using NodaTime;

namespace ChatCoach.Core.People;

/// <summary><c>/link</c> gives a one-time code in a direct chat; <c>/link CODE</c> on the other account joins the two.</summary>
public sealed class LinkHandler(PeopleService people, PersonCultures? cultures = null) : ICommandHandler, IPersonChangingCommand
{
    public string Name => "link";

    public string Usage => "link [code]";

    public string Description => "Join your accounts on Telegram and Discord into one streak and history";

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var account = request.Message.Account;
        var culture = await cultures.CultureOrEnglishAsync(request.Message, cancellationToken);
        if (request.Arguments.Length == 0)
        {
            if (!request.Message.IsDirect)
            {
                return PeopleTexts.DirectOnly("link", culture);
            }

            var code = await people.CreateCodeAsync(account, cancellationToken);
            return new Reply
            {
                Title = PeopleTexts.Get("link.code.title", culture),
                Blocks =
                [
                    new Paragraph(code),
                    new Paragraph(PeopleTexts.Format("link.code.use", culture, code, PeopleService.CodeLifetime.TotalMinutes.ToString("0", CultureInfo.InvariantCulture))),
                ],
                IsPrivate = true,
            };
        }

        var outcome = await people.LinkAsync(account, request.Arguments, cancellationToken);
        return outcome.Result switch
        {
            LinkResult.Linked => new Reply
            {
                Title = PeopleTexts.Get("link.linked.title", culture),
                Blocks =
                [
                    new BulletList([.. outcome.Accounts.Select(a => PeopleTexts.Describe(a, account, culture))], PeopleTexts.Get("link.linked.heading", culture)),
                    new Paragraph(PeopleTexts.Get("link.linked.merged", culture)),
                    new Paragraph(outcome.TimeZoneId is null
                        ? PeopleTexts.Get("link.zone.none", culture)
                        : PeopleTexts.Format(outcome.ZoneFromThisAccount ? "link.zone.this" : "link.zone.other", culture, outcome.TimeZoneId)),
                    .. LanguageLine(outcome),
                    new Paragraph(PeopleTexts.Get("link.linked.next", culture)),
                ],
                IsPrivate = true,
            },
            LinkResult.AlreadyLinked => Reply.Text(PeopleTexts.Get("link.already.title", culture), PeopleTexts.Get("link.already", culture)),
            LinkResult.OwnCode => ChatTexts.Error(culture, PeopleTexts.Get("link.own", culture), PeopleTexts.Get("link.own.hint", culture)),
            LinkResult.Expired => ChatTexts.Error(culture, PeopleTexts.Get("link.expired", culture), PeopleTexts.Get("link.expired.hint", culture)),
            LinkResult.TooManyTries => ChatTexts.Error(culture, Paused("link.paused", outcome.RetryAt, culture)),
            _ => outcome.TriesLeft > 0
                ? ChatTexts.Error(culture, PeopleTexts.Count("link.wrong", outcome.TriesLeft, culture), PeopleTexts.Get("link.wrong.hint", culture))
                : ChatTexts.Error(culture, Paused("link.wrong.last", outcome.RetryAt, culture)),
        };
    }

    /// <summary>Linking is paused until a UTC time (<c>HH:mm</c>), or for now when the service gave none.</summary>
    private static string Paused(string name, Instant? until, CultureInfo culture) => until is { } at
        ? PeopleTexts.Format(name, culture, at.ToDateTimeUtc().ToString("HH:mm", CultureInfo.InvariantCulture))
        : PeopleTexts.Get(name + ".later", culture);

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
public sealed class UnlinkHandler(PeopleService people, PersonCultures? cultures = null) : ICommandHandler, IPersonChangingCommand
{
    public string Name => "unlink";

    public string Usage => "unlink";

    public string Description => "Split this account from your linked accounts (both keep the history so far)";

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var culture = await cultures.CultureOrEnglishAsync(request.Message, cancellationToken);
        var rest = await people.UnlinkAsync(request.Message.Account, cancellationToken);
        if (rest is null)
        {
            return Reply.Text(PeopleTexts.Get("unlink.none.title", culture), PeopleTexts.Get("unlink.none", culture));
        }

        return new Reply
        {
            Title = PeopleTexts.Get("unlink.title", culture),
            Blocks =
            [
                new Paragraph(PeopleTexts.Get("unlink.done", culture)),
                new BulletList([.. rest.Select(a => PeopleTexts.Describe(a, null, culture))], PeopleTexts.Get("unlink.heading", culture)),
            ],
            IsPrivate = true,
        };
    }
}

/// <summary><c>/whoami</c>: the accounts that make up this person.</summary>
public sealed class WhoAmIHandler(PeopleService people, PersonCultures? cultures = null) : ICommandHandler
{
    public string Name => "whoami";

    public string Usage => "whoami";

    public string Description => "Show which accounts are linked into your one streak";

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var account = request.Message.Account;
        var culture = await cultures.CultureOrEnglishAsync(request.Message, cancellationToken);
        var accounts = await people.AccountsOfAsync(account, cancellationToken);
        var linked = accounts.Count > 1;
        return new Reply
        {
            Title = PeopleTexts.Get("whoami.title", culture),
            Blocks =
            [
                new BulletList([.. accounts.Select(a => PeopleTexts.Describe(a, account, culture))], PeopleTexts.Get(linked ? "whoami.linked" : "whoami.single", culture)),
                new Paragraph(PeopleTexts.Get(linked ? "whoami.linked.hint" : "whoami.single.hint", culture)),
            ],
            IsPrivate = true,
        };
    }
}
