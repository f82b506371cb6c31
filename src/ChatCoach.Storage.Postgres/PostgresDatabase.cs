using System.Net.Sockets;
using ChatCoach.Core.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatCoach.Storage.Postgres;

/// <summary>
/// The PostgreSQL database shared by every instance: one Npgsql data source (a connection pool), the schema brought up
/// to date when it is created (see <see cref="SchemaMigrator"/>), and the one way stores reach it,
/// <see cref="RunAsync{T}"/>, which turns "the server's disk is full" into <see cref="StorageFullException"/>. Any other
/// failure (server unreachable, a timeout) propagates; the router answers it with "try again in a moment", and since
/// each write is one statement or one transaction, nothing is half-applied.
/// </summary>
/// <remarks>No file lock here: any number of processes may share the database; the server orders their writes.</remarks>
public sealed class PostgresDatabase : IDisposable, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresDatabase(IOptions<PostgresStorageOptions> options)
        : this(options?.Value.ConnectionString ?? throw new ArgumentNullException(nameof(options)))
    {
    }

    /// <summary>Connects and migrates the schema; a failure is a <see cref="StorageUnavailableException"/> with one line.</summary>
    public PostgresDatabase(string connectionString)
    {
        if (DescribeInvalid(connectionString) is { } problem)
        {
            throw new StorageUnavailableException(problem);
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Description = $"'{builder.Database ?? builder.Username}' on {builder.Host}:{builder.Port}";
        _dataSource = NpgsqlDataSource.Create(builder);
        InstanceId = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        try
        {
            Migration = SchemaMigrator.Migrate(_dataSource, Description);
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException && ex is not PostgresException { SqlState: PostgresErrorCodes.DiskFull })
        {
            _dataSource.Dispose();
            throw new StorageUnavailableException($"cannot use the PostgreSQL database {Description}: {OneLine(ex.Message)}", ex);
        }
        catch
        {
            _dataSource.Dispose();
            throw;
        }
    }

    /// <summary>Where the database is, for messages: database, host and port, never a password.</summary>
    public string Description { get; }

    /// <summary>This store instance's name in post claims (machine, process, and a random part for several per process).</summary>
    public string InstanceId { get; }

    /// <summary>What the start-up migration did.</summary>
    public MigrationResult Migration { get; }

    /// <summary>Null for a usable connection string, else one line naming <c>Storage:ConnectionString</c>.</summary>
    public static string? DescribeInvalid(string? connectionString)
    {
        const string Example = "e.g. \"Host=localhost;Database=chatcoach;Username=chatcoach;Password=…\"";
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return $"Storage:ConnectionString must be set when Storage:Provider is Postgres, {Example}.";
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (string.IsNullOrWhiteSpace(builder.Host))
            {
                return $"Storage:ConnectionString must name the server with Host=…, {Example}.";
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException)
        {
            // The message of a bad key or value names it without echoing the rest of the string (no password).
            return $"Storage:ConnectionString is not a valid PostgreSQL connection string ({OneLine(ex.Message)}), {Example}.";
        }

        return null;
    }

    /// <summary>Runs <paramref name="work"/> on a pooled connection.</summary>
    internal async Task<T> RunAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            return await work(connection, cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DiskFull or PostgresErrorCodes.OutOfMemory)
        {
            throw new StorageFullException($"the PostgreSQL server of {Description} is out of space; the write was not applied", ex);
        }
    }

    internal Task RunAsync(Func<NpgsqlConnection, CancellationToken, Task> work, CancellationToken cancellationToken) =>
        RunAsync<bool>(
            async (connection, token) =>
            {
                await work(connection, token);
                return true;
            },
            cancellationToken);

    internal NpgsqlDataSource DataSource => _dataSource;

    public void Dispose() => _dataSource.Dispose();

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
