using System.Globalization;
using System.Text.Json;
using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;
using NodaTime;
using NodaTime.Text;

namespace ChatCoach.Core.People;

/// <summary>
/// <c>/mydata</c>'s file: everything stored about a person, as indented JSON. Every store that keeps something about
/// a person appears here; a new one belongs here too (and in <see cref="PersonData.DeleteAsync"/>).
/// </summary>
public sealed class PersonExport(IAccountLinkStore links, PersonData data, TimeProvider time)
{
    public const string ContentType = "application/json";

    public async Task<ReplyAttachment> ExportAsync(PersonKey account, CancellationToken cancellationToken)
    {
        var person = await links.FindPersonAsync(account, cancellationToken) ?? account;
        var linked = await links.GetAccountsAsync(person, cancellationToken);
        IReadOnlyList<PersonKey> accounts = linked.Count == 0 ? [account] : linked;
        var now = PersonClock.UtcNow(time);

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("exportedAt", InstantPattern.ExtendedIso.Format(now));
            json.WriteString("person", person.ToString());
            json.WriteStartArray("accounts");
            foreach (var key in accounts)
            {
                json.WriteStartObject();
                json.WriteString("platform", key.Platform);
                json.WriteString("userId", key.UserId);
                json.WriteEndObject();
            }

            json.WriteEndArray();

            var profile = await data.People.FindAsync(person, cancellationToken);
            json.WriteStartObject("profile");
            json.WriteString("displayName", profile?.DisplayName);
            json.WriteString("timeZone", profile?.TimeZoneId);
            json.WriteString("language", await data.People.FindLanguageAsync(person, cancellationToken));
            json.WriteEndObject();

            if (await data.Summaries.FindAsync(person, cancellationToken) is { } summary)
            {
                json.WriteStartObject("streak");
                json.WriteString("lastDate", summary.State.LastDate is { } last ? Date(last) : null);
                json.WriteNumber("run", summary.State.Run);
                json.WriteNumber("longest", summary.State.Longest);
                json.WriteNumber("totalDays", summary.State.Total);
                json.WriteNumber("freezes", summary.State.Freezes);
                json.WriteEndObject();
            }

            json.WriteStartArray("completions");
            foreach (var completion in await data.Completions.GetAllAsync(person, cancellationToken))
            {
                json.WriteStartObject();
                json.WriteString("date", Date(completion.Date));
                json.WriteString("platform", completion.Chat.Platform);
                json.WriteString("chatId", completion.Chat.ChatId);
                if (completion.Chat.ServerId is { } server)
                {
                    json.WriteString("serverId", server);
                }

                json.WriteString("recordedAt", InstantPattern.ExtendedIso.Format(completion.CompletedAt));
                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartArray("pauses");
            foreach (var pause in (await data.Pauses.GetAsync(person, cancellationToken)).Pauses)
            {
                json.WriteStartObject();
                json.WriteString("first", Date(pause.First));
                json.WriteString("last", Date(pause.Last));
                json.WriteEndObject();
            }

            json.WriteEndArray();

            if (data.CheckIns is { } checkIns)
            {
                json.WriteStartArray("painCheckIns");
                foreach (var checkIn in await checkIns.GetRangeAsync(person, PersonData.FirstDate, PersonData.LastDate, cancellationToken))
                {
                    json.WriteStartObject();
                    json.WriteString("date", Date(checkIn.Date));
                    json.WriteNumber("score", checkIn.Score);
                    json.WriteString("recordedAt", InstantPattern.ExtendedIso.Format(checkIn.RecordedAt));
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                var referral = await checkIns.GetLastReferralAsync(person, cancellationToken);
                json.WriteString("lastAdvisedToSeeAProfessional", referral is { } day ? Date(day) : null);
            }

            if (data.Progression is { } progression)
            {
                var level = await progression.GetAsync(person, cancellationToken);
                json.WriteStartObject("exerciseLevel");
                json.WriteNumber("level", (level ?? ProgressionState.Start).Level);
                json.WriteString("changedOn", level?.ChangedOn is { } changed ? Date(changed) : null);
                json.WriteEndObject();
            }

            if (data.Reminders is { } reminders)
            {
                if (await reminders.GetAsync(person, cancellationToken) is { } reminder)
                {
                    json.WriteStartObject("reminder");
                    json.WriteString("time", reminder.LocalTime.ToString("HH:mm", CultureInfo.InvariantCulture));
                    json.WriteString("platform", reminder.Chat.Platform);
                    json.WriteString("chatId", reminder.Chat.ChatId);
                    json.WriteBoolean("enabled", reminder.Enabled);
                    json.WriteString("lastSentDate", reminder.LastSentDate is { } sent ? Date(sent) : null);
                    json.WriteEndObject();
                }
                else
                {
                    json.WriteNull("reminder");
                }
            }

            json.WriteStartArray("leaderboardScopes");
            foreach (var scope in await data.Activity.GetScopesAsync(person, cancellationToken))
            {
                json.WriteStringValue(scope);
            }

            json.WriteEndArray();

            // The name they go by in each of those scopes (what that chat's leaderboard shows).
            json.WriteStartObject("leaderboardNames");
            foreach (var (scope, name) in (await data.Activity.GetScopeNamesAsync(person, cancellationToken)).OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                json.WriteString(scope, name);
            }

            json.WriteEndObject();

            if (data.Subscriptions is { } subscriptions)
            {
                json.WriteStartArray("subscriptionsCreated");
                foreach (var key in accounts.Append(person).Distinct())
                {
                    foreach (var subscription in await subscriptions.FindCreatedByAsync(key, cancellationToken))
                    {
                        json.WriteStartObject();
                        json.WriteString("platform", subscription.Chat.Platform);
                        json.WriteString("chatId", subscription.Chat.ChatId);
                        json.WriteString("time", subscription.LocalTime.ToString("HH:mm", CultureInfo.InvariantCulture));
                        json.WriteString("timeZone", subscription.ZoneId);
                        json.WriteString("focus", subscription.Focus);
                        json.WriteBoolean("enabled", subscription.Enabled);
                        json.WriteBoolean("directChat", subscription.InDirectChat);
                        json.WriteEndObject();
                    }
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        var stamp = now.ToDateTimeUtc().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        return ReplyAttachment.Document($"chatcoach-mydata-{stamp}.json", ContentType, buffer.ToArray());
    }

    private static string Date(LocalDate date) => LocalDatePattern.Iso.Format(date);
}
