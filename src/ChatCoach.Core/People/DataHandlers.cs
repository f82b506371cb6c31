using ChatCoach.Core.Conversation;

namespace ChatCoach.Core.People;

/// <summary><c>/mydata</c>: everything stored about the person, as a JSON file, in a direct chat only.</summary>
public sealed class MyDataHandler(PersonExport export) : ICommandHandler
{
    public string Name => "mydata";

    public string Usage => "mydata";

    public string Description => "Get everything I store about you as a JSON file (in a direct chat)";

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Message.IsDirect)
        {
            return PeopleTexts.DirectOnly(Name);
        }

        var file = await export.ExportAsync(request.Message.Account, cancellationToken);
        return new Reply
        {
            Title = "Your data",
            Blocks = [new Paragraph("Everything I store about you is in the attached file: your accounts, time zone, completions, pauses, pain check-ins, where you're on a leaderboard and the subscriptions you created. /forget deletes it.")],
            Attachment = file,
            IsPrivate = true,
        };
    }
}

/// <summary><c>/forget</c> asks first; <c>/forget yes</c> (or the button, which only its asker can use) deletes the person.</summary>
public sealed class ForgetHandler(PeopleService people) : ICommandHandler, IPersonChangingCommand
{
    public string Name => "forget";

    public string Usage => "forget [yes]";

    public string Description => "Delete everything I store about you (asks first)";

    public async Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var account = request.Message.Account;
        var words = request.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || !string.Equals(words[0], "yes", StringComparison.OrdinalIgnoreCase))
        {
            return new Reply
            {
                Title = "Delete everything about you?",
                Blocks =
                [
                    new Paragraph("This deletes your accounts (and their links), time zone, completions and streak, pauses, pain check-ins and leaderboard places, on every linked platform. Subscriptions you created stay with their chats but no longer name you. It can't be undone; /mydata first if you want a copy."),
                    new Paragraph("Press the button or send /forget yes."),
                ],
                Buttons = [new ReplyButton("Yes, delete everything", $"forget:yes {account.UserId}")],
                IsPrivate = true,
            };
        }

        // The button names its asker, so nobody else in a group deletes themselves by pressing it.
        if (words.Length > 1 && words[1] != account.UserId)
        {
            return Reply.Error("That button belongs to someone else's /forget.", "Send /forget yourself if you want your data deleted.");
        }

        var outcome = await people.ForgetAsync(account, cancellationToken);
        var deleted = new List<string>
        {
            Count(outcome.Accounts, "account"),
            Count(outcome.Profiles, "profile (name and time zone)", "profiles (names and time zones)"),
            Count(outcome.Completions, "completed day"),
            Count(outcome.StreakSummaries, "streak record"),
            Count(outcome.Pauses, "pause record"),
            Count(outcome.CheckIns, "pain check-in or referral date", "pain check-ins and referral dates"),
            Count(outcome.LeaderboardEntries, "leaderboard place"),
            Count(outcome.Reminders, "reminder"),
            Count(outcome.ProgressionLevels, "exercise level"),
        };
        var blocks = new List<ReplyBlock> { new BulletList(deleted, "Deleted:") };
        if (outcome.SubscriptionsKept > 0)
        {
            blocks.Add(new Paragraph($"{Count(outcome.SubscriptionsKept, "daily-post subscription")} you created stay with their chats, no longer naming you."));
        }

        blocks.Add(new Paragraph("Nothing about you is left in my database. If you use me again, you start afresh."));

        // /forget can't reach copies outside the database; say so rather than promise what isn't true.
        blocks.Add(new Paragraph(BackupNotice));
        return new Reply { Title = "Forgotten", Blocks = blocks, IsPrivate = true, Notice = "Everything about you is deleted" };
    }

    /// <summary>What /forget can't delete: the operator's backups (retention as the backup command and README define it).</summary>
    internal const string BackupNotice =
        "Backups the operator made still hold your data until they are rotated out: the bot's own daily backups, when switched on, are replaced one a day (the newest 7 are kept unless the operator set another number); other copies stay as long as the operator keeps them.";

    private static string Count(int count, string one, string? many = null) =>
        count == 1 ? $"1 {one}" : $"{count} {many ?? one + "s"}";
}
