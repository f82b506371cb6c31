using ChatCoach.Core.Conversation;
using NodaTime;
using NodaTime.Text;

namespace ChatCoach.Storage.LiteDb;

/// <summary>
/// Document ids for people, completions and chat scopes. Dates are ISO <c>yyyy-MM-dd</c>, so a person's completions
/// sort by date under their primary key and a date range is a primary-key range.
/// </summary>
internal static class StorageKeys
{
    // Platform ids are numeric or plain names, never containing '|'. A control character would be neater but
    // LiteDB compares keys with a culture collation, which may ignore control characters.
    private const char Separator = '|';

    public static string Person(PersonKey key) => $"{key.Platform}{Separator}{key.UserId}";

    public static PersonKey ParsePerson(string id)
    {
        var split = id.IndexOf(Separator, StringComparison.Ordinal);
        return new PersonKey(id[..split], id[(split + 1)..]);
    }

    public static string Completion(PersonKey key, LocalDate date) => $"{Person(key)}{Separator}{Date(date)}";

    public static string Date(LocalDate date) => LocalDatePattern.Iso.Format(date);

    public static LocalDate ParseDate(string text) => LocalDatePattern.Iso.Parse(text).GetValueOrThrow();

    public static string ChatScope(ChatAddress chat) => $"{chat.Platform}{Separator}chat{Separator}{chat.ChatId}";

    public static string? ServerScope(ChatAddress chat) =>
        chat.ServerId is null ? null : $"{chat.Platform}{Separator}server{Separator}{chat.ServerId}";

    public static string Activity(string scope, PersonKey person) => $"{scope}{Separator}{Person(person)}";
}
