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

    /// <summary>Every row the command returns, each turned into a <typeparamref name="T"/> by <paramref name="read"/>, in order.</summary>
    public static async Task<IReadOnlyList<T>> ReadAllAsync<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>One statement on a pooled connection; returns the rows it affected.</summary>
    public static Task<int> ExecuteAsync(this PostgresDatabase database, string sql, CancellationToken cancellationToken, params object?[] arguments) =>
        database.RunAsync(
            async (connection, token) =>
            {
                await using var command = connection.Command(sql, arguments);
                return await command.ExecuteNonQueryAsync(token);
            },
            cancellationToken);

    /// <summary>Several statements in one transaction; returns the rows they affected together.</summary>
    public static Task<int> ExecuteInTransactionAsync(this PostgresDatabase database, CancellationToken cancellationToken, params (string Sql, object?[] Arguments)[] statements) =>
        database.RunAsync(
            async (connection, token) =>
            {
                await using var transaction = await connection.BeginTransactionAsync(token);
                var affected = 0;
                foreach (var (sql, arguments) in statements)
                {
                    await using var command = connection.Command(sql, arguments);
                    affected += await command.ExecuteNonQueryAsync(token);
                }

                await transaction.CommitAsync(token);
                return affected;
            },
            cancellationToken);

    public static DateOnly ToSql(this LocalDate date) => date.ToDateOnly();

    public static LocalDate ToLocalDate(this DateOnly date) => LocalDate.FromDateOnly(date);

    /// <summary>UTC, which is what timestamptz stores (Npgsql refuses non-UTC DateTimes for it).</summary>
    public static DateTime ToSql(this Instant instant) => instant.ToDateTimeUtc();

    public static Instant ToInstant(this DateTime utc) => Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    public static LocalDate GetLocalDate(this NpgsqlDataReader reader, int ordinal) => reader.GetFieldValue<DateOnly>(ordinal).ToLocalDate();

    public static Instant GetInstant(this NpgsqlDataReader reader, int ordinal) => reader.GetFieldValue<DateTime>(ordinal).ToInstant();

    public static string? GetNullableString(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
