using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CanaryFlow.Controller.Tests.Infrastructure;

/// <summary>An <see cref="ILogger"/> that keeps every entry for assertions.</summary>
public sealed class RecordingLogger : ILogger
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue(new LogEntry(logLevel, formatter(state, exception), exception));
}

public sealed record LogEntry(LogLevel Level, string Message, Exception? Exception);

/// <summary>A <see cref="RecordingLogger"/> for code that asks for an <see cref="ILogger{TCategoryName}"/>.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    public RecordingLogger Inner { get; } = new();

    public IReadOnlyList<LogEntry> Entries => Inner.Entries;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Inner.Log(logLevel, eventId, state, exception, formatter);
}
