using ChatCoach.Core.Coaching;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.People;
using ChatCoach.Core.Storage;
using ChatCoach.Core.Streaks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace ChatCoach.Storage.LiteDb;

public static class LiteDbRegistration
{
    /// <summary>Storage:Path options and the LiteDB implementations of the core's storage interfaces.</summary>
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ChatCoachDatabase>();
        builder.Services.AddSingleton<IAdapterStateStore, LiteDbAdapterStateStore>();
        builder.Services.AddSingleton<IUpdateInbox, LiteDbUpdateInbox>();

        // Routines: subscriptions and the scheduler's delivery log.
        builder.Services.AddSingleton<ISubscriptionStore, LiteDbSubscriptionStore>();
        builder.Services.AddSingleton<IDeliveryLog, LiteDbDeliveryLog>();

        // Streaks: people, completions, the per-person streak cache and who is active in which chat/server.
        builder.Services.AddSingleton<IPersonStore, LiteDbPersonStore>();
        builder.Services.AddSingleton<LiteDbCompletionStore>();
        builder.Services.AddSingleton<ICompletionStore>(sp => sp.GetRequiredService<LiteDbCompletionStore>());

        // The same store: a Done's profile and activity rows go into the completion's transaction.
        builder.Services.AddSingleton<IDonePressStore>(sp => sp.GetRequiredService<LiteDbCompletionStore>());
        builder.Services.AddSingleton<IStreakSummaryStore, LiteDbStreakSummaryStore>();
        builder.Services.AddSingleton<IStreakActivityStore, LiteDbStreakActivityStore>();

        // Coaching: pain check-ins (health data, per person only), injury pauses, progression levels and reminders.
        builder.Services.AddSingleton<ICheckInStore, LiteDbCheckInStore>();
        builder.Services.AddSingleton<IPauseStore, LiteDbPauseStore>();
        builder.Services.AddSingleton<IProgressionStore, LiteDbProgressionStore>();
        builder.Services.AddSingleton<IReminderStore, LiteDbReminderStore>();

        // People: which accounts are one person, pending link codes and wrong tries.
        builder.Services.AddSingleton<IAccountLinkStore, LiteDbAccountLinkStore>();

        // Open the file as the host starts, so a corrupt database stops the start rather than the first command.
        builder.Services.AddHostedService<DatabaseOpener>();

        // Backups on request (chatcoach db backup) and the optional daily one.
        builder.Services.AddHostedService<BackupService>();
        return builder;
    }

    private sealed class DatabaseOpener(ChatCoachDatabase database) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = database.FilePath;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
