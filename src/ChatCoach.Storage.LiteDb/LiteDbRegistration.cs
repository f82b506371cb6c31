using Microsoft.Extensions.Hosting;

namespace ChatCoach.Storage.LiteDb;

public static class LiteDbRegistration
{
    /// <summary>Storage:Path options and the LiteDB implementations of the core's storage interfaces.</summary>
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }
}
