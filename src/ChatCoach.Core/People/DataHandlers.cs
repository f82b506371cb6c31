using ChatCoach.Core.Conversation;
using ChatCoach.Core.Resources;

namespace ChatCoach.Core.People;

/// <summary><c>/mydata</c>: everything stored about the person, as a JSON file, in a direct chat only.</summary>
public sealed class MyDataHandler(PersonExport export, PersonCultures? cultures = null) : ICommandHandler
{
    public string Name => "mydata";

    public string Usage => "mydata";

    public string Description => "Get everything I store about you as a JSON file (in a direct chat)";

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var culture = await cultures.CultureOrEnglishAsync(request.Message, cancellationToken);
        if (!request.Message.IsDirect)
        {
            return PeopleTexts.DirectOnly(Name, culture);
        }

        var file = await export.ExportAsync(request.Message.Account, cancellationToken);
        return new Reply
        {
            Title = PeopleTexts.Get("mydata.title", culture),
            Blocks = [new Paragraph(PeopleTexts.Get("mydata.body", culture))],
            Attachment = file,
            IsPrivate = true,
        };
    }
}

/// <summary><c>/forget</c> asks first; <c>/forget yes</c> (or the button, which only its asker can use) deletes the person.</summary>
public sealed class ForgetHandler(PeopleService people, PersonCultures? cultures = null) : ICommandHandler, IPersonChangingCommand
{
    public string Name => "forget";

    public string Usage => "forget [yes]";

    public string Description => "Delete everything I store about you (asks first)";

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var account = request.Message.Account;

        // Read before deleting: the chosen language goes with the person.
        var culture = await cultures.CultureOrEnglishAsync(request.Message, cancellationToken);
        var words = request.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || !string.Equals(words[0], "yes", StringComparison.OrdinalIgnoreCase))
        {
            return new Reply
            {
                Title = PeopleTexts.Get("forget.ask.title", culture),
                Blocks =
                [
                    new Paragraph(PeopleTexts.Get("forget.ask.body", culture)),
                    new Paragraph(PeopleTexts.Get("forget.ask.how", culture)),
                ],
                Buttons = [new ReplyButton(PeopleTexts.Get("forget.button", culture), $"forget:yes {account.UserId}")],
                IsPrivate = true,
            };
        }

        // The button names its asker, so nobody else in a group deletes themselves by pressing it.
        if (words.Length > 1 && words[1] != account.UserId)
        {
            return ChatTexts.Error(culture, PeopleTexts.Get("forget.notYours", culture), PeopleTexts.Get("forget.notYours.hint", culture));
        }

        var outcome = await people.ForgetAsync(account, cancellationToken);
        var deleted = new List<string>
        {
            PeopleTexts.Count("forget.accounts", outcome.Accounts, culture),
            PeopleTexts.Count("forget.profiles", outcome.Profiles, culture),
            PeopleTexts.Count("forget.completions", outcome.Completions, culture),
            PeopleTexts.Count("forget.streaks", outcome.StreakSummaries, culture),
            PeopleTexts.Count("forget.pauses", outcome.Pauses, culture),
            PeopleTexts.Count("forget.checkIns", outcome.CheckIns, culture),
            PeopleTexts.Count("forget.leaderboard", outcome.LeaderboardEntries, culture),
            PeopleTexts.Count("forget.reminders", outcome.Reminders, culture),
            PeopleTexts.Count("forget.levels", outcome.ProgressionLevels, culture),
        };
        var blocks = new List<ReplyBlock> { new BulletList(deleted, PeopleTexts.Get("forget.deleted", culture)) };
        if (outcome.SubscriptionsKept > 0)
        {
            blocks.Add(new Paragraph(PeopleTexts.Count("forget.kept", outcome.SubscriptionsKept, culture)));
        }

        blocks.Add(new Paragraph(PeopleTexts.Get("forget.gone", culture)));

        // /forget can't reach copies outside the database; say so rather than promise what isn't true.
        blocks.Add(new Paragraph(PeopleTexts.Get("forget.backups", culture)));
        return new Reply { Title = PeopleTexts.Get("forget.title", culture), Blocks = blocks, IsPrivate = true, Notice = PeopleTexts.Get("forget.notice", culture) };
    }
}
