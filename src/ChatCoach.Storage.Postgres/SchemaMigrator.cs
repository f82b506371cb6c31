using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using ChatCoach.Core.Storage;
using Npgsql;

namespace ChatCoach.Storage.Postgres;

/// <summary>What the start-up migration found and did.</summary>
public sealed record MigrationResult(int VersionBefore, int VersionAfter, TimeSpan Elapsed);

/// <summary>
/// Brings the schema up to the newest version this binary ships (<c>Migrations/NNNN_name.sql</c>, embedded), each
/// migration applied once and recorded in <c>schema_migrations</c>, all in one transaction under an advisory lock, so
/// instances starting together migrate once and a failed migration leaves the schema as it was. A database whose
/// schema is newer than the binary knows is refused, untouched.
/// </summary>
internal static class SchemaMigrator
{
    /// <summary>Advisory lock key for migrations ("ChatCoach" in ASCII, truncated to 8 bytes).</summary>
    internal const long MigrationLockKey = 0x4368_6174_436F_6163;

    private const string ResourcePrefix = "ChatCoach.Storage.Postgres.Migrations.";

    /// <summary>The migrations in this binary, by version.</summary>
    internal static IReadOnlyList<(int Version, string Name, string Sql)> Migrations { get; } = Load();

    internal static int LatestVersion => Migrations[^1].Version;

    public static MigrationResult Migrate(NpgsqlDataSource dataSource, string description)
    {
        var clock = Stopwatch.StartNew();
        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        Execute(connection, "SELECT pg_advisory_xact_lock($1)", MigrationLockKey);
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    integer PRIMARY KEY,
                name       text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """);

        int before;
        using (var command = connection.Command("SELECT coalesce(max(version), 0) FROM schema_migrations"))
        {
            before = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        if (before > LatestVersion)
        {
            throw new StorageUnavailableException(
                $"the PostgreSQL database {description} has schema version {before}, newer than this ChatCoach knows ({LatestVersion}); run the newer ChatCoach against it (nothing was changed)");
        }

        foreach (var (version, name, sql) in Migrations.Where(m => m.Version > before))
        {
            Execute(connection, sql);
            Execute(connection, "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", version, name);
        }

        transaction.Commit();
        return new MigrationResult(before, Math.Max(before, LatestVersion), clock.Elapsed);
    }

    private static void Execute(NpgsqlConnection connection, string sql, params object?[] arguments)
    {
        using var command = connection.Command(sql, arguments);
        command.ExecuteNonQuery();
    }

    private static List<(int, string, string)> Load()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var migrations = new List<(int Version, string Name, string Sql)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var name = Path.GetFileNameWithoutExtension(resource[ResourcePrefix.Length..]);
            var underscore = name.IndexOf('_', StringComparison.Ordinal);
            var version = int.Parse(name[..underscore], NumberStyles.None, CultureInfo.InvariantCulture);
            migrations.Add((version, name, Read(assembly, resource)));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            // Versions are 1, 2, 3, … with no gap or repeat; a gap would mean a migration file went missing.
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"PostgreSQL migrations must be numbered 1, 2, 3, …; found {migrations[i].Name} at position {i + 1}");
            }
        }

        return migrations;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
