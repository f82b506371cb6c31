using ChatCoach.Storage.Contract.Tests.Backends;
using ChatCoach.Storage.Contract.Tests.Contracts;
using ChatCoach.Storage.Postgres;
using Npgsql;
using NodaTime;

namespace ChatCoach.Storage.Contract.Tests;

/// <summary>Housekeeping of the PostgreSQL post claims: the rows an instance that died left behind are pruned.</summary>
public sealed class PostgresPostClaimsTests : StoreContract<PostgresBackend>
{
    private static readonly Duration Lease = Duration.FromMinutes(5);

    private PostgresBackend TheBackend => Backend;

    [StoreFact]
    public async Task TryClaim_FirstOfANewDay_PrunesExpiredClaimsOfDaysOverEverywhere_KeepsLiveAndRecentOnes()
    {
        // An instance that died holding claims: one yesterday (not yet over in every zone), one a few days ago whose
        // lease is still running, and more than two prune batches of them a week ago.
        await using (var dead = new PostgresDatabase(TheBackend.ConnectionString))
        {
            var claims = new PostgresPostClaims(dead);
            Assert.True(await claims.TryClaimAsync("telegram:yesterday", Monday.PlusDays(-1), Morning - Duration.FromDays(1), Lease, None));
            Assert.True(await claims.TryClaimAsync("telegram:held", Monday.PlusDays(-4), Morning - Duration.FromDays(4), Duration.FromDays(10), None));
        }

        await ExecuteAsync(
            $"""
            INSERT INTO post_claims (subscription_id, local_date, owner, expires_at)
            SELECT 'dead-' || g, DATE '2026-11-16', 'gone', TIMESTAMPTZ '2026-11-16 08:00:00Z' FROM generate_series(1, {(2 * PostgresPostClaims.PruneBatchSize) + 3}) g
            """);

        Assert.True(await TheBackend.Claims.TryClaimAsync("telegram:today", Monday, Morning, Lease, None));

        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM post_claims WHERE subscription_id LIKE 'dead-%'"));
        Assert.Equal(
            ["telegram:held", "telegram:today", "telegram:yesterday"],
            await ListAsync("SELECT subscription_id FROM post_claims ORDER BY subscription_id"));
    }

    [StoreFact]
    public async Task TryClaim_SameDayAgain_DoesNotPruneAgain_AndAClaimTakenOverIsNeverPruned()
    {
        Assert.True(await TheBackend.Claims.TryClaimAsync("telegram:a", Monday, Morning, Lease, None));

        // A dead claim from a week ago appears after today's first claim: the same day's claims leave it for tomorrow.
        await ExecuteAsync("INSERT INTO post_claims VALUES ('telegram:old', DATE '2026-11-16', 'gone', TIMESTAMPTZ '2026-11-16 08:00:00Z')");
        Assert.True(await TheBackend.Claims.TryClaimAsync("telegram:b", Monday, Morning, Lease, None));
        Assert.Equal(1, await ScalarAsync<long>("SELECT count(*) FROM post_claims WHERE subscription_id = 'telegram:old'"));

        Assert.True(await TheBackend.Claims.TryClaimAsync("telegram:c", Monday.PlusDays(1), Morning + Duration.FromDays(1), Lease, None));
        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM post_claims WHERE subscription_id = 'telegram:old'"));
    }

    [StoreFact]
    public async Task Prune_ManyDeadRows_DeletesThemInBatches_AndReportsTheCount()
    {
        var dead = (3 * PostgresPostClaims.PruneBatchSize) + 7;
        await ExecuteAsync(
            $"""
            INSERT INTO post_claims (subscription_id, local_date, owner, expires_at)
            SELECT 'dead-' || g, DATE '2026-11-10', 'gone', TIMESTAMPTZ '2026-11-10 08:00:00Z' FROM generate_series(1, {dead}) g
            """);
        var claims = (PostgresPostClaims)TheBackend.Claims;

        Assert.Equal(dead, await claims.PruneAsync(Monday.PlusDays(-2), Morning, None));
        Assert.Equal(0, await claims.PruneAsync(Monday.PlusDays(-2), Morning, None));
        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM post_claims"));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TheBackend.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(TheBackend.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<string>> ListAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TheBackend.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
