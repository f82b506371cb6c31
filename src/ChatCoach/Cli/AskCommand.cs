using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ChatCoach.ConsoleChat;
using ChatCoach.Core.Advice;
using ChatCoach.Core.Conversation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

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
        // Only the ask handler, and without the person's language (PersonCultures reads the person store): ask must
        // not open (or create) the database. A question is answered in the language it is written in.
        var router = new CommandRouter([new AskHandler(host.Services.GetRequiredService<IAdviceEngine>())], host.Services.GetRequiredService<ILogger<CommandRouter>>());
        var terminal = host.Services.GetRequiredService<ConsoleTerminal>();
        var rest = args.Skip(1).ToArray();
        if (rest is ["--jsonl"])
        {
            while (await ReadLineAsync(terminal.Input) is { } line)
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

    /// <summary>
    /// One line ending at LF or CRLF. Unlike <see cref="TextReader.ReadLineAsync()"/>, a bare CR is a character inside
    /// the line, so there is exactly one JSON line per input line.
    /// </summary>
    internal static async Task<string?> ReadLineAsync(TextReader input)
    {
        var line = new StringBuilder();
        var buffer = new char[1];
        while (await input.ReadAsync(buffer.AsMemory()) == 1)
        {
            if (buffer[0] == '\n')
            {
                if (line.Length > 0 && line[^1] == '\r')
                {
                    line.Length--;
                }

                return line.ToString();
            }

            line.Append(buffer[0]);
        }

        return line.Length > 0 ? line.ToString() : null;
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
