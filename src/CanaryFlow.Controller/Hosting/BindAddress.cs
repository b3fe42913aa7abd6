using System.Globalization;
using System.Net;

namespace CanaryFlow.Controller.Hosting;

/// <summary>A listen address as controllers spell it: <c>host:port</c>, <c>:port</c> (every interface) or <c>0</c> (off).</summary>
public static class BindAddress
{
    /// <summary>The endpoint, or null for "0" (disabled).</summary>
    /// <exception cref="FormatException">Not host:port with a port 0-65535.</exception>
    public static IPEndPoint? Parse(string value, string flag)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value == "0")
        {
            return null;
        }

        var colon = value.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new FormatException($"{flag}: expected host:port, :port or 0, got \"{value}\"");
        }

        var host = value[..colon].Trim('[', ']');
        if (host.Length == 0)
        {
            return new IPEndPoint(IPAddress.Any, port);
        }

        if (host == "localhost")
        {
            return new IPEndPoint(IPAddress.Loopback, port);
        }

        return IPAddress.TryParse(host, out var address)
            ? new IPEndPoint(address, port)
            : throw new FormatException($"{flag}: \"{host}\" is not an IP address (use an address, localhost, or :port for all interfaces)");
    }
}
