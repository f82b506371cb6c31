using ChatCoach.Storage.LiteDb;
using ChatCoach.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatCoach;

/// <summary><c>Storage:Provider</c>: <c>LiteDb</c> (the default, one process, one file) or <c>Postgres</c> (shared by any number of instances).</summary>
internal static class StorageSelection
{
    public const string ProviderKey = "Storage:Provider";

    public static bool IsPostgres(IConfiguration configuration) =>
        string.Equals(configuration[ProviderKey]?.Trim(), "Postgres", StringComparison.OrdinalIgnoreCase);

    public static IHostApplicationBuilder AddSelectedStorage(this IHostApplicationBuilder builder)
    {
        var provider = builder.Configuration[ProviderKey]?.Trim();
        if (IsPostgres(builder.Configuration))
        {
            return builder.AddPostgresStorage();
        }

        if (!string.IsNullOrEmpty(provider) && !string.Equals(provider, "LiteDb", StringComparison.OrdinalIgnoreCase))
        {
            // Checked at start like every other setting; the LiteDB stores stay registered so the host still builds,
            // and nothing opens them because the start stops at this failure first.
            builder.Services.AddOptions<ProviderCheck>()
                .Validate(_ => false, $"{ProviderKey} must be LiteDb or Postgres, not '{provider}'.")
                .ValidateOnStart();
        }

        return builder.AddStorage();
    }

    private sealed class ProviderCheck;
}
