using System.Text.RegularExpressions;
using ChatCoach.Core.Operations;
using ChatCoach.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatCoach;

/// <summary>
/// Builds and runs the host, turning the start-up failures an operator can fix (a bad setting, an unreadable
/// database) into one clear line on standard error and exit code 1, instead of a stack trace.
/// </summary>
internal static partial class StartupGuard
{
    public static async Task<int> RunAsync(HostApplicationBuilder builder, Func<IHost, Task<int>>? oneShot)
    {
        try
        {
            using var host = builder.Build();
            StartupTrace.Mark("host built");

            // Checked here rather than inside host.StartAsync, which would log the failure with a stack trace first.
            host.Services.GetService<IStartupValidator>()?.Validate();
            StartupTrace.Mark("options validated");
            if (oneShot is not null)
            {
                return await oneShot(host);
            }

            // Constructing the hosted services opens the database and checks adapter settings.
            _ = host.Services.GetServices<IHostedService>().ToList();
            StartupTrace.Mark("hosted services constructed");
            await host.RunAsync();
            return Environment.ExitCode;
        }
        catch (OptionsValidationException ex)
        {
            return await FailAsync("configuration error", Describe(ex));
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OptionsValidationException))
        {
            return await FailAsync("configuration error", string.Join(" ", ex.InnerExceptions.Cast<OptionsValidationException>().Select(Describe)));
        }
        catch (StorageUnavailableException ex)
        {
            return await FailAsync("storage error", ex.Message);
        }
    }

    private static async Task<int> FailAsync(string what, string message)
    {
        await Console.Error.WriteLineAsync($"chatcoach: {what}: {message}");
        return 1;
    }

    /// <summary>Data-annotation failures arrive wrapped ("DataAnnotation validation failed for …"); keep only the message, which names the key.</summary>
    private static string Describe(OptionsValidationException ex) =>
        string.Join(" ", ex.Failures.Select(f => DataAnnotationFailure().Match(f) is { Success: true } m ? m.Groups["message"].Value : f));

    [GeneratedRegex("with the error: '(?<message>.*)'\\.?$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();
}
