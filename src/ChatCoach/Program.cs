using ChatCoach;
using ChatCoach.Cli;
using ChatCoach.Core.Operations;

StartupTrace.Mark("main");

if (DbCommand.IsDbInvocation(args))
{
    // Database maintenance needs the settings, not the bot: nothing else is built or started.
    return await DbCommand.RunAsync(args, ConfigurationSetup.CreateBuilder([]).Configuration);
}

var askMode = AskCommand.IsAskInvocation(args);

// In ask mode the arguments are a question, not configuration switches.
var builder = ConfigurationSetup.CreateBuilder(askMode ? [] : args);
builder.AddChatCoach(consoleChat: !askMode);
StartupTrace.Mark("services registered");

return await StartupGuard.RunAsync(builder, askMode ? host => AskCommand.RunAsync(host, args) : null);
