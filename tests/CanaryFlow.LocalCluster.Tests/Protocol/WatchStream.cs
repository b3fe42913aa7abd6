using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace CanaryFlow.LocalCluster.Tests.Protocol;

/// <summary>How a watch stream ended.</summary>
public enum WatchEnd
{
    /// <summary>The server closed the body normally (timeout, ERROR event): the client re-watches.</summary>
    Clean,

    /// <summary>The connection broke in the middle of the body.</summary>
    Broken,
}

/// <summary>
/// An open watch request, read the way client-go and the official C# client read it: headers first, then one
/// JSON WatchEvent per newline-terminated line. A background reader splits the body into lines so that waiting
/// with a timeout never cancels a read on the connection.
/// </summary>
public sealed class WatchStream : IAsyncDisposable
{
    // Generous: a loaded CI machine may be slow, and a passing test never waits this long.
    private static readonly TimeSpan _defaultWait = TimeSpan.FromSeconds(10);
    private readonly HttpResponseMessage _response;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;

    private WatchStream(HttpResponseMessage response)
    {
        _response = response;
        _reader = Task.Run(ReadLinesAsync);
    }

    public HttpResponseMessage Response => _response;

    public int Status => (int)_response.StatusCode;

    /// <summary>Bytes after the last newline when the body ended (a framing error if not empty).</summary>
    public string UnterminatedTail { get; private set; } = "";

    /// <summary>Sends the watch and returns as soon as the response headers have arrived.</summary>
    public static async Task<WatchStream> OpenAsync(HttpClient http, string path)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new WatchStream(response);
    }

    /// <summary>The next event; fails the test when none arrives in time or the stream ends.</summary>
    public async Task<JsonObject> NextAsync(TimeSpan? wait = null)
    {
        var line = await NextLineAsync(wait ?? _defaultWait);
        Assert.True(line is not null, "the watch ended while an event was expected");
        var node = JsonNode.Parse(line);
        var watchEvent = Assert.IsType<JsonObject>(node);
        Assert.Equal(["type", "object"], watchEvent.Select(p => p.Key));
        return watchEvent;
    }

    /// <summary>The next raw line, or null when the body ended; fails the test when nothing arrives in time.</summary>
    public async Task<string?> NextLineAsync(TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            if (!await _lines.Reader.WaitToReadAsync(timeout.Token))
            {
                return null;
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Assert.Fail($"no watch event within {wait.TotalSeconds} s");
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            return null;
        }

        return _lines.Reader.TryRead(out var line) ? line : null;
    }

    /// <summary>Asserts that no event arrives for <paramref name="period"/> (the stream stays open and quiet).</summary>
    public async Task AssertQuietAsync(TimeSpan period)
    {
        using var timeout = new CancellationTokenSource(period);
        try
        {
            var available = await _lines.Reader.WaitToReadAsync(timeout.Token);
            Assert.Fail(available && _lines.Reader.TryPeek(out var line) ? "unexpected watch event: " + line : "the watch ended");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            // Quiet, as expected.
        }
    }

    /// <summary>Waits for the end of the body, failing on any further event; tells a clean end from a broken connection.</summary>
    public async Task<WatchEnd> EndAsync(TimeSpan? wait = null)
    {
        using var timeout = new CancellationTokenSource(wait ?? _defaultWait);
        try
        {
            if (await _lines.Reader.WaitToReadAsync(timeout.Token))
            {
                _lines.Reader.TryPeek(out var line);
                Assert.Fail("expected the end of the watch, got: " + line);
            }

            return WatchEnd.Clean;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Assert.Fail("the watch did not end in time");
            throw;
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            return WatchEnd.Broken;
        }
    }

    private async Task ReadLinesAsync()
    {
        try
        {
            await using var body = await _response.Content.ReadAsStreamAsync(_stop.Token);
            var pending = new MemoryStream();
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await body.ReadAsync(buffer, _stop.Token)) > 0)
            {
                var start = 0;
                for (var i = 0; i < read; i++)
                {
                    if (buffer[i] != (byte)'\n')
                    {
                        continue;
                    }

                    pending.Write(buffer, start, i - start);
                    _lines.Writer.TryWrite(Encoding.UTF8.GetString(pending.GetBuffer(), 0, (int)pending.Length));
                    pending.SetLength(0);
                    start = i + 1;
                }

                pending.Write(buffer, start, read - start);
            }

            UnterminatedTail = Encoding.UTF8.GetString(pending.GetBuffer(), 0, (int)pending.Length);
            _lines.Writer.TryComplete();
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            _lines.Writer.TryComplete();
        }
        catch (Exception e)
        {
            _lines.Writer.TryComplete(e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response.Dispose();
        try
        {
            await _reader;
        }
        catch (OperationCanceledException)
        {
            // Stopped on purpose.
        }

        _stop.Dispose();
    }
}
