using System.Diagnostics;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.Storage;
using ChatCoach.Core.Streaks;
using ChatCoach.Storage.Contract.Tests.Backends;
using ChatCoach.Storage.Contract.Tests.Contracts;
using ChatCoach.Storage.Postgres;
using Npgsql;
using NodaTime;

namespace ChatCoach.Storage.Contract.Tests;

/// <summary>What only the PostgreSQL store has: migrations, the schema's own guarantees, connection trouble.</summary>
public sealed class PostgresDatabaseTests : StoreContract<PostgresBackend>
{
    private PostgresBackend TheBackend => Backend;

    [StoreFact]
    public async Task Open_EmptySchema_MigratesToTheLatestVersionOnce()
    {
        Assert.Equal(0, TheBackend.Database.Migration.VersionBefore);
        Assert.Equal(SchemaMigrator.LatestVersion, TheBackend.Database.Migration.VersionAfter);

        await using var again = new PostgresDatabase(TheBackend.ConnectionString);

        Assert.Equal(SchemaMigrator.LatestVersion, again.Migration.VersionBefore);
        Assert.Equal(SchemaMigrator.Migrations.Count, await ScalarAsync<long>("SELECT count(*) FROM schema_migrations"));
    }

    [StoreFact]
    public async Task Open_ManyInstancesAtOnce_MigrateOnceAndAllOpen()
    {
        var (schema, connectionString) = await PostgresServer.CreateSchemaAsync();
        try
        {
            var databases = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => new PostgresDatabase(connectionString))));
            foreach (var database in databases)
            {
                await database.DisposeAsync();
            }

            Assert.Single(databases, d => d.Migration.VersionBefore == 0);
        }
        finally
        {
            await PostgresServer.DropSchemaAsync(schema);
        }
    }

    [StoreFact]
    public async Task Open_SchemaNewerThanTheBinary_RefusedWithOneLineAndNothingChanged()
    {
        await ExecuteAsync($"INSERT INTO schema_migrations (version, name) VALUES ({SchemaMigrator.LatestVersion + 1}, 'from_the_future')");
        await new PostgresPersonStore(TheBackend.Database).SaveAsync(new PersonProfile(new PersonKey("telegram", "1"), "Ann", null), CancellationToken.None);

        var error = Assert.Throws<StorageUnavailableException>(() => new PostgresDatabase(TheBackend.ConnectionString));

        Assert.Contains($"schema version {SchemaMigrator.LatestVersion + 1}, newer than this ChatCoach knows ({SchemaMigrator.LatestVersion})", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(1, await ScalarAsync<long>("SELECT count(*) FROM people"));
    }

    [StoreFact]
    public async Task Schema_OneCompletionPerPersonAndDate_EnforcedByTheDatabaseItself()
    {
        const string Insert = "INSERT INTO completions VALUES ('telegram', '1', '2026-11-23', 'telegram', '1', NULL, now())";
        await ExecuteAsync(Insert);

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(Insert));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
    }

    [StoreFact]
    public async Task Schema_OneDeliveryPerSubscriptionAndDate_EnforcedByTheDatabaseItself()
    {
        const string Insert = "INSERT INTO deliveries VALUES ('telegram:1', '2026-11-23', 'Sent', 1, now(), NULL)";
        await ExecuteAsync(Insert);

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(Insert));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
    }

    [StoreFact]
    public async Task Instants_StoredAsUtcTimestamptz()
    {
        var at = Instant.FromUtc(2026, 11, 23, 7, 0, 5);
        await new PostgresCompletionStore(TheBackend.Database).TryAddAsync(
            new Completion(new PersonKey("telegram", "1"), new LocalDate(2026, 11, 23), new ChatAddress("telegram", "1"), at),
            new StreakSummary(new PersonKey("telegram", "1"), "Ann", null, StreakState.Empty),
            CancellationToken.None);

        Assert.Equal("timestamp with time zone", await ScalarAsync<string>(
            "SELECT data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'completions' AND column_name = 'completed_at'"));
        Assert.Equal("2026-11-23 07:00:05", await ScalarAsync<string>("SELECT to_char(completed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') FROM completions"));
    }

    [StoreFact]
    public async Task Store_ServerGoneAfterStart_CallFailsAndNothingIsHalfWritten()
    {
        // A database of its own, so its connections can be told apart from every other test's.
        var name = "victim-" + Guid.NewGuid().ToString("N")[..8];
        await using var database = new PostgresDatabase(new NpgsqlConnectionStringBuilder(TheBackend.ConnectionString) { ApplicationName = name }.ConnectionString);
        var completions = new PostgresCompletionStore(database);
        await completions.GetAllDatesAsync(new PersonKey("telegram", "0"), CancellationToken.None);
        var ann = new PersonKey("telegram", "1");
        var summary = new StreakSummary(ann, "Ann", null, StreakState.Empty with { Run = 1 });

        // Every connection of this store's pool is ended by the server, as a restart or a failover would.
        await ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND application_name = '" + name + "'");
        var attempt = await Record.ExceptionAsync(() => completions.TryAddAsync(new Completion(ann, new LocalDate(2026, 11, 23), new ChatAddress("telegram", "1"), Instant.FromUtc(2026, 11, 23, 7, 0)), summary, CancellationToken.None));

        // Either the pool noticed and reconnected (the Done is stored whole) or the call failed (nothing stored).
        var stored = await ScalarAsync<long>("SELECT count(*) FROM completions") + await ScalarAsync<long>("SELECT count(*) FROM streak_summaries");
        Assert.True(attempt is null ? stored == 2 : stored == 0, $"stored {stored} rows after {attempt?.GetType().Name ?? "success"}");
    }

    [StoreFact]
    public async Task Migration_TimeToCreateTheSchema_Reported()
    {
        var (schema, connectionString) = await PostgresServer.CreateSchemaAsync();
        try
        {
            var clock = Stopwatch.StartNew();
            await using var database = new PostgresDatabase(connectionString);
            clock.Stop();

            // Not a timing assertion (the machine is shared): the figure goes to the test log for docs/storage.md.
            Console.WriteLine($"migration 0 -> {database.Migration.VersionAfter}: {database.Migration.Elapsed.TotalMilliseconds:F0} ms in the migrator, {clock.ElapsedMilliseconds} ms with the first connection");
            Assert.Equal(SchemaMigrator.LatestVersion, database.Migration.VersionAfter);
        }
        finally
        {
            await PostgresServer.DropSchemaAsync(schema);
        }
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
}

/// <summary>Connection settings checked before any server is asked (no server needed).</summary>
public sealed class PostgresConnectionSettingsTests
{
    [Theory]
    [InlineData("", "Storage:ConnectionString must be set when Storage:Provider is Postgres")]
    [InlineData("Database=chatcoach", "Storage:ConnectionString must name the server with Host=")]
    [InlineData("Host=db;Port=notanumber;Password=hunter2", "Storage:ConnectionString is not a valid PostgreSQL connection string")]
    [InlineData("Host=db;Bogus Key=1;Password=hunter2", "Storage:ConnectionString is not a valid PostgreSQL connection string")]
    public void DescribeInvalid_BadConnectionString_OneLineNamingTheSettingNeverThePassword(string connectionString, string expected)
    {
        var problem = PostgresDatabase.DescribeInvalid(connectionString);

        Assert.NotNull(problem);
        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_NothingListening_OneLineNamingTheDatabaseWithoutThePassword()
    {
        var error = Assert.Throws<StorageUnavailableException>(() =>
            new PostgresDatabase("Host=127.0.0.1;Port=1;Database=chatcoach;Username=chatcoach;Password=s3cret-pass;Timeout=5"));

        Assert.StartsWith("cannot use the PostgreSQL database 'chatcoach' on 127.0.0.1:1: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pass", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
