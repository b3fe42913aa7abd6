using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CanaryFlow.Cli.Tests.Infrastructure;

/// <summary>
/// A metric the controller's web provider measures for real over HTTP on loopback: it answers
/// <c>{"value": V}</c> with the value the test sets.
/// </summary>
public sealed class MetricEndpoint : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private double _value;

    public MetricEndpoint(double value)
    {
        _value = value;
        var port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/metric");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _serving = ServeAsync();
    }

    public Uri Url { get; }

    public double Value
    {
        get => Volatile.Read(ref _value);
        set => Volatile.Write(ref _value, value);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try
        {
            await _serving;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
            // Stopping the listener ends the pending GetContextAsync.
        }

        _listener.Close();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            var context = await _listener.GetContextAsync();
            var body = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{\"value\": {Value}}}"));
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
