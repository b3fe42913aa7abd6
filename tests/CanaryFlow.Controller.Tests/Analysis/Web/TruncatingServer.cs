using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CanaryFlow.Controller.Tests.Analysis.Web;

/// <summary>
/// An HTTP server on 127.0.0.1 that answers every request with headers promising 1000 bytes, sends 15, and closes
/// the connection cleanly. Kestrel cannot do this deterministically: its Abort resets the connection and may drop
/// the headers it had not yet written, so the client would fail before the body instead of in it.
/// </summary>
public sealed class TruncatingServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    public TruncatingServer()
    {
        _listener.Start();
        _serving = ServeAsync(_stop.Token);
    }

    public string Url(string pathAndQuery) => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/{pathAndQuery}";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _serving;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The accept loop ends with whichever of these the stopped listener raises first.
        }

        _stop.Dispose();
    }

    private async Task ServeAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            using var client = await _listener.AcceptTcpClientAsync(cancellationToken);
            var stream = client.GetStream();
            await ReadRequestHeadAsync(stream, cancellationToken);
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"data\":{\"ok\":"), cancellationToken);
            await stream.FlushAsync(cancellationToken);
            client.Client.Shutdown(SocketShutdown.Send);
        }
    }

    private static async Task ReadRequestHeadAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var seen = new StringBuilder();
        var buffer = new byte[1024];
        while (!seen.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                return;
            }

            seen.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
    }
}
