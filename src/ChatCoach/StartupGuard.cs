using ChatCoach.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatCoach;

/// <summary>
/// Builds and runs the host, turning the start-up failures an operator can fix (a bad setting, an unreadable
/// database) into one clear line on standard error and exit code 1, instead of a stack trace.
/// </summary>
internal static class StartupGuard
{
    public static async Task<int> RunAsync(HostApplicationBuilder builder, Func<IHost, Task<int>>? oneShot)
    {
        try
        {
            using var host = builder.Build();
            if (oneShot is not null)
            {
                host.Services.GetService<IStartupValidator>()?.Validate();
                return await oneShot(host);
            }

            await host.RunAsync();
            return Environment.ExitCode;
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync($"chatcoach: configuration error: {string.Join(" ", ex.Failures)}");
            return 1;
        }
        catch (StorageUnavailableException ex)
        {
            await Console.Error.WriteLineAsync($"chatcoach: storage error: {ex.Message}");
            return 1;
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OptionsValidationException))
        {
            var failures = ex.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures);
            await Console.Error.WriteLineAsync($"chatcoach: configuration error: {string.Join(" ", failures)}");
            return 1;
        }
    }
}
