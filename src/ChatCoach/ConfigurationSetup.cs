using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Hosting;

namespace ChatCoach;

internal static class ConfigurationSetup
{
    /// <summary>
    /// appsettings.json is read from beside the binary (so <c>dotnet run --project</c> from anywhere finds it), and
    /// user secrets are read in every environment, ranked below environment variables and the command line.
    /// </summary>
    public static HostApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });

        var sources = builder.Configuration.Sources;
        var alreadyHasSecrets = sources.Any(s => s is Microsoft.Extensions.Configuration.Json.JsonConfigurationSource json
            && json.Path == "secrets.json");
        if (!alreadyHasSecrets)
        {
            var environmentIndex = sources.Select((source, index) => (source, index))
                .FirstOrDefault(x => x.source is EnvironmentVariablesConfigurationSource).index;
            var secrets = new ConfigurationBuilder()
                .AddUserSecrets(Assembly.GetExecutingAssembly(), optional: true, reloadOnChange: false)
                .Sources;
            foreach (var source in secrets.Reverse())
            {
                sources.Insert(environmentIndex, source);
            }
        }

        return builder;
    }
}
