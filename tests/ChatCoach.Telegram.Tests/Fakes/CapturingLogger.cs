using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ChatCoach.Telegram.Tests.Fakes;

public sealed record LogEntry(string Category, LogLevel Level, string Message, Exception? Exception)
{
    public string Everything => $"{Category} {Level} {Message} {Exception}";
}

/// <summary>Keeps every log line (with any exception) so tests can check what was logged and that no token leaked.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), exception));
    }
}
