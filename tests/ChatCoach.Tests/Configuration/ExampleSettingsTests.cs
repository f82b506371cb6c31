using System.Reflection;
using ChatCoach.Core.Advice;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Core.Routines;
using ChatCoach.Discord;
using ChatCoach.Operations;
using ChatCoach.Storage.LiteDb;
using ChatCoach.Storage.Postgres;
using ChatCoach.Telegram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatCoach.Tests.Configuration;

/// <summary>appsettings.example.json is what operators copy: it must be valid and show every setting there is.</summary>
public sealed class ExampleSettingsTests
{
    private static readonly string ExamplePath = Path.Combine(FindRepositoryRoot(), "appsettings.example.json");

    public static TheoryData<Type, string> OptionsTypes => new()
    {
        { typeof(TelegramOptions), TelegramOptions.SectionName },
        { typeof(DiscordOptions), DiscordOptions.SectionName },
        { typeof(StorageOptions), StorageOptions.SectionName },
        { typeof(PostgresStorageOptions), PostgresStorageOptions.SectionName },
        { typeof(HostShutdownOptions), HostShutdownOptions.SectionName },
        { typeof(SchedulerOptions), SchedulerOptions.SectionName },
        { typeof(RoutineOptions), RoutineOptions.SectionName },
        { typeof(KnowledgeOptions), KnowledgeOptions.SectionName },
        { typeof(HealthOptions), HealthOptions.SectionName },
    };

    [Theory]
    [MemberData(nameof(OptionsTypes))]
    public void Example_NamesEverySettingOfEachSection(Type optionsType, string section)
    {
        var example = new ConfigurationBuilder().AddJsonFile(ExamplePath).Build().GetSection(section);
        var settings = optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite);

        foreach (var setting in settings)
        {
            Assert.True(example[setting.Name] is not null, $"appsettings.example.json lacks {section}:{setting.Name}");
        }
    }

    [Fact]
    public void Example_PassesStartUpValidationWithTheRealComposition()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddJsonFile(ExamplePath);
        builder.AddChatCoach(consoleChat: false);
        using var host = builder.Build();

        var validator = host.Services.GetRequiredService<IStartupValidator>();

        var error = Record.Exception(validator.Validate);
        Assert.True(error is null, error is OptionsValidationException invalid ? string.Join(" ", invalid.Failures) : error?.Message);
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ChatCoach.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ChatCoach.sln not found above the test directory");
    }
}
