using System.Text.Encodings.Web;
using System.Text.Json;
using ChatCoach.ConsoleChat;
using ChatCoach.Core.Conversation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatCoach.Cli;

/// <summary>
/// <c>ask "question"</c> prints one reply; <c>ask --jsonl</c> answers each line of standard input as a JSON line
/// <c>{"q","text","kind","entries","why"}</c> (why: the advice engine's rule, or its nearest exemplars and scores). Both go through the router exactly like a typed <c>/ask</c>.
/// </summary>
internal static class AskCommand
{
    private static readonly JsonSerializerOptions JsonLines = new()
    {
        // Readable emoji and accents; the output is still valid JSON.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static bool IsAskInvocation(string[] args) => args.Length > 0 && args[0] == "ask";

    public static async Task<int> RunAsync(IHost host, string[] args)
    {
        var router = host.Services.GetRequiredService<CommandRouter>();
        var terminal = host.Services.GetRequiredService<ConsoleTerminal>();
        var rest = args.Skip(1).ToArray();
        if (rest is ["--jsonl"])
        {
            while (await terminal.Input.ReadLineAsync() is { } line)
            {
                var reply = await AnswerAsync(router, line);
                var record = new AskRecord(line, PlainTextRenderer.Render(reply), reply.Kind, reply.EntryIds, reply.Why);
                await terminal.Output.WriteLineAsync(JsonSerializer.Serialize(record, JsonLines));
            }

            await terminal.Output.FlushAsync();
            return 0;
        }

        if (rest.Length == 0 || rest.Any(a => a.StartsWith("--", StringComparison.Ordinal)))
        {
            await Console.Error.WriteLineAsync("usage: chatcoach ask \"your question\"   |   chatcoach ask --jsonl < questions.txt");
            return 2;
        }

        var answer = await AnswerAsync(router, string.Join(' ', rest));
        await terminal.Output.WriteLineAsync(PlainTextRenderer.Render(answer));
        await terminal.Output.FlushAsync();
        return 0;
    }

    private static async Task<Reply> AnswerAsync(CommandRouter router, string question)
    {
        // Routed as "/ask …" so that a question that happens to start with a command word is still a question.
        var message = ConsoleMessages.FromLine($"/{CommandRouter.QuestionCommand} {question}");
        return await router.RouteAsync(message, CancellationToken.None)
            ?? throw new InvalidOperationException("The ask command is not registered.");
    }

    private sealed record AskRecord(
        [property: System.Text.Json.Serialization.JsonPropertyName("q")] string Q,
        [property: System.Text.Json.Serialization.JsonPropertyName("text")] string Text,
        [property: System.Text.Json.Serialization.JsonPropertyName("kind")] string Kind,
        [property: System.Text.Json.Serialization.JsonPropertyName("entries")] IReadOnlyList<string> Entries,
        [property: System.Text.Json.Serialization.JsonPropertyName("why")] string? Why);
}
