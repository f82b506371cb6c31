using ChatCoach.Core.Coaching;
using ChatCoach.Core.Conversation;
using NodaTime;

namespace ChatCoach.Storage.Postgres;

/// <summary>Pain check-ins, one per (person, local date) by the primary key, and the last referral date per person.</summary>
public sealed class PostgresCheckInStore(PostgresDatabase database) : ICheckInStore
{
    public Task<bool> SaveAsync(PainCheckIn checkIn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkIn);
        return database.RunAsync(
            async (connection, token) =>
            {
                // xmax is 0 for a freshly inserted row and non-zero for one the upsert updated: "did it replace one".
                await using var command = connection.Command(
                    """
                    INSERT INTO pain_checkins (platform, user_id, local_date, score, recorded_at) VALUES ($1, $2, $3, $4, $5)
                    ON CONFLICT (platform, user_id, local_date) DO UPDATE SET score = excluded.score, recorded_at = excluded.recorded_at
                    RETURNING xmax <> 0
                    """,
                    checkIn.Person.Platform,
                    checkIn.Person.UserId,
                    checkIn.Date.ToSql(),
                    (short)checkIn.Score,
                    checkIn.RecordedAt.ToSql());
                return (bool)(await command.ExecuteScalarAsync(token))!;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<PainCheckIn>> GetRangeAsync(PersonKey person, LocalDate first, LocalDate last, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        return database.RunAsync<IReadOnlyList<PainCheckIn>>(
            async (connection, token) =>
            {
                await using var command = connection.Command(
                    "SELECT local_date, score, recorded_at FROM pain_checkins WHERE platform = $1 AND user_id = $2 AND local_date BETWEEN $3 AND $4 ORDER BY local_date",
                    person.Platform,
                    person.UserId,
                    first.ToSql(),
                    last.ToSql());
                return await command.ReadAllAsync(reader => new PainCheckIn(person, reader.GetLocalDate(0), reader.GetInt16(1), reader.GetInstant(2)), token);
            },
            cancellationToken);
    }

    public Task<LocalDate?> GetLastReferralAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        return database.RunAsync<LocalDate?>(
            async (connection, token) =>
            {
                await using var command = connection.Command("SELECT local_date FROM coaching_referrals WHERE platform = $1 AND user_id = $2", person.Platform, person.UserId);
                return await command.ExecuteScalarAsync(token) is DateOnly date ? date.ToLocalDate() : null;
            },
            cancellationToken);
    }

    public Task SetLastReferralAsync(PersonKey person, LocalDate day, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        return database.RunAsync(
            async (connection, token) =>
            {
                await using var command = connection.Command(
                    "INSERT INTO coaching_referrals (platform, user_id, local_date) VALUES ($1, $2, $3) ON CONFLICT (platform, user_id) DO UPDATE SET local_date = excluded.local_date",
                    person.Platform,
                    person.UserId,
                    day.ToSql());
                await command.ExecuteNonQueryAsync(token);
            },
            cancellationToken);
    }

    public Task<int> DeletePersonAsync(PersonKey person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        object?[] key = [person.Platform, person.UserId];
        return database.ExecuteInTransactionAsync(
            cancellationToken,
            ("DELETE FROM pain_checkins WHERE platform = $1 AND user_id = $2", key),
            ("DELETE FROM coaching_referrals WHERE platform = $1 AND user_id = $2", key));
    }
}
