using ChatCoach.Core.Coaching;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.Operations;
using ChatCoach.Core.People;
using ChatCoach.Core.Storage;
using ChatCoach.Core.Streaks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatCoach.Storage.Postgres;

public static class PostgresRegistration
{
    /// <summary>Storage:ConnectionString options and the PostgreSQL implementations of the core's storage interfaces.</summary>
    public static IHostApplicationBuilder AddPostgresStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<PostgresStorageOptions>()
            .BindConfiguration(PostgresStorageOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<PostgresDatabase>();
        builder.Services.AddSingleton<IAdapterStateStore, PostgresAdapterStateStore>();
        builder.Services.AddSingleton<IUpdateInbox, PostgresUpdateInbox>();

        // Several instances: which one long-polls Telegram (the adapter's default, one process, always leads).
        builder.Services.AddSingleton<IPollerElection, PostgresPollerElection>();

        // Routines: subscriptions, the delivery log, and the claims that let several instances share the posting.
        builder.Services.AddSingleton<ISubscriptionStore, PostgresSubscriptionStore>();
        builder.Services.AddSingleton<IDeliveryLog, PostgresDeliveryLog>();
        builder.Services.AddSingleton<IPostClaims, PostgresPostClaims>();

        // Streaks: people, completions, the per-person streak cache and who is active in which chat/server.
        builder.Services.AddSingleton<IPersonStore, PostgresPersonStore>();
        builder.Services.AddSingleton<PostgresCompletionStore>();
        builder.Services.AddSingleton<ICompletionStore>(sp => sp.GetRequiredService<PostgresCompletionStore>());

        // The same store: a Done's profile and activity rows go into the completion's transaction.
        builder.Services.AddSingleton<IDonePressStore>(sp => sp.GetRequiredService<PostgresCompletionStore>());
        builder.Services.AddSingleton<IStreakSummaryStore, PostgresStreakSummaryStore>();
        builder.Services.AddSingleton<IStreakActivityStore, PostgresStreakActivityStore>();

        // Coaching: pain check-ins (health data, per person only) and injury pauses.
        builder.Services.AddSingleton<ICheckInStore, PostgresCheckInStore>();
        builder.Services.AddSingleton<IPauseStore, PostgresPauseStore>();
        builder.Services.AddSingleton<IProgressionStore, PostgresProgressionStore>();
        builder.Services.AddSingleton<IReminderStore, PostgresReminderStore>();

        // People: which accounts are one person, pending link codes and wrong tries.
        builder.Services.AddSingleton<IAccountLinkStore, PostgresAccountLinkStore>();

        // Connect and migrate as the host starts, so an unreachable database or a newer schema stops the start.
        builder.Services.AddHostedService<DatabaseOpener>();
        return builder;
    }

    private sealed class DatabaseOpener(PostgresDatabase database, ILogger<PostgresDatabase> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            var migration = database.Migration;
            logger.LogInformation(
                "PostgreSQL database {Database}: schema version {Version} (was {Before}; checked in {Elapsed} ms)",
                database.Description,
                migration.VersionAfter,
                migration.VersionBefore,
                (long)migration.Elapsed.TotalMilliseconds);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
