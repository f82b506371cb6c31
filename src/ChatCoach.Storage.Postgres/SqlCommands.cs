using Npgsql;
using NodaTime;

namespace ChatCoach.Storage.Postgres;

/// <summary>Positional-parameter commands ($1, $2, …) and the NodaTime ↔ PostgreSQL conversions every store uses.</summary>
internal static class SqlCommands
{
    /// <summary>A command with its arguments as $1, $2, …; null becomes SQL NULL. The SQL text is always a constant.</summary>
    public static NpgsqlCommand Command(this NpgsqlConnection connection, string sql, params object?[] arguments)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var argument in arguments)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = argument ?? DBNull.Value });
        }

        return command;
    }

    public static DateOnly ToSql(this LocalDate date) => date.ToDateOnly();

    public static LocalDate ToLocalDate(this DateOnly date) => LocalDate.FromDateOnly(date);

    /// <summary>UTC, which is what timestamptz stores (Npgsql refuses non-UTC DateTimes for it).</summary>
    public static DateTime ToSql(this Instant instant) => instant.ToDateTimeUtc();

    public static Instant ToInstant(this DateTime utc) => Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    public static LocalDate GetLocalDate(this NpgsqlDataReader reader, int ordinal) => reader.GetFieldValue<DateOnly>(ordinal).ToLocalDate();

    public static Instant GetInstant(this NpgsqlDataReader reader, int ordinal) => reader.GetFieldValue<DateTime>(ordinal).ToInstant();

    public static string? GetNullableString(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
