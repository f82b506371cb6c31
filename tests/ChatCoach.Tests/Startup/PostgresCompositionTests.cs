using ChatCoach.Core.Coaching;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.People;
using ChatCoach.Storage.Contract.Tests;
using ChatCoach.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatCoach.Tests.Startup;

/// <summary>A test that needs the PostgreSQL test server; skipped with how to start one when there is none and none is required.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        Skip = PostgresServer.SkipReason;
    }
}

/// <summary>The whole composition with <c>Storage:Provider=Postgres</c> on the test server, in process.</summary>
public sealed class PostgresCompositionTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "chatcoach-pg-host-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [PostgresFact]
    public async Task Start_WithPostgresProvider_EveryServiceBuildsAndEveryStoreIsAPostgresOne()
    {
        var (schema, connectionString) = await PostgresServer.CreateSchemaAsync();
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:Provider"] = "Postgres",
                ["Storage:ConnectionString"] = connectionString,
                ["Storage:Path"] = Path.Combine(_directory, "chatcoach.db"),
            });

            // ValidateOnBuild: every registered service can be built, so no store or dependency is missing.
            builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
            builder.AddChatCoach(consoleChat: false);
            using var host = builder.Build();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

            await host.StartAsync(timeout.Token);
            try
            {
                var stores = StoreInterfaces();
                Assert.Contains(typeof(ISubscriptionStore), stores);
                Assert.Contains(typeof(IPostClaims), stores);
                Assert.Contains(typeof(IAccountLinkStore), stores);
                Assert.Contains(typeof(IReminderStore), stores);
                Assert.Contains(typeof(IProgressionStore), stores);
                foreach (var store in stores)
                {
                    var implementation = host.Services.GetRequiredService(store).GetType();
                    Assert.True(implementation.Assembly == typeof(PostgresDatabase).Assembly, $"{store.Name} is {implementation.FullName}, not a PostgreSQL store");
                }

                Assert.Equal(6, host.Services.GetRequiredService<PostgresDatabase>().Migration.VersionAfter);
            }
            finally
            {
                await host.StopAsync(timeout.Token);
            }

            Assert.False(File.Exists(Path.Combine(_directory, "chatcoach.db")));
        }
        finally
        {
            await PostgresServer.DropSchemaAsync(schema);
        }
    }

    /// <summary>Every storage interface of the core: the <c>I…Store</c> interfaces, the delivery log and the post claims.</summary>
    private static Type[] StoreInterfaces() =>
        [.. typeof(ISubscriptionStore).Assembly.GetExportedTypes()
            .Where(t => t.IsInterface && (t.Name.EndsWith("Store", StringComparison.Ordinal) || t == typeof(IDeliveryLog) || t == typeof(IPostClaims)))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)];
}
