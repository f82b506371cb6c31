using Npgsql;

namespace ChatCoach.Storage.Contract.Tests;

/// <summary>
/// The PostgreSQL server the tests use: <c>CHATCOACH_TEST_POSTGRES</c> (set by scripts/test-postgres.sh and .ci/run).
/// Without it the PostgreSQL tests are skipped, unless <c>CHATCOACH_REQUIRE_POSTGRES=1</c> or <c>CI=true</c>: then
/// they fail, so CI can never pass with them silently skipped.
/// </summary>
public static class PostgresServer
{
    public const string ConnectionVariable = "CHATCOACH_TEST_POSTGRES";
    public const string RequireVariable = "CHATCOACH_REQUIRE_POSTGRES";

    public const string HowToStart =
        "no PostgreSQL test server (CHATCOACH_TEST_POSTGRES unset): start one with `scripts/test-postgres.sh dotnet test tests/ChatCoach.Storage.Contract.Tests`";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value ? value : null;

    public static bool Required =>
        Environment.GetEnvironmentVariable(RequireVariable) == "1" ||
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why PostgreSQL tests are skipped, or null when they run (a server is set, or one is required).</summary>
    public static string? SkipReason => ConnectionString is null && !Required ? HowToStart : null;

    /// <summary>A new empty schema and the connection string whose search path is it.</summary>
    public static async Task<(string Schema, string ConnectionString)> CreateSchemaAsync()
    {
        var server = ConnectionString ?? throw new InvalidOperationException(
            $"{RequireVariable}=1 or CI=true requires a PostgreSQL server, but {ConnectionVariable} is not set: run the tests through scripts/test-postgres.sh");
        var schema = "t_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema };
        return (schema, builder.ConnectionString);
    }

    public static async Task DropSchemaAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }
}
