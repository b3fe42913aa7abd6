using System.Net;
using System.Net.Sockets;

namespace CanaryFlow.Controller.Tests.Infrastructure.Prometheus;

/// <summary>A loopback TCP port that was free a moment ago (for a child process that cannot report the port it bound).</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
