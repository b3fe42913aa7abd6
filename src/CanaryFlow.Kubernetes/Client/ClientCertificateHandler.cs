using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using CanaryFlow.Kubernetes.Config;

namespace CanaryFlow.Kubernetes.Client;

/// <summary>
/// Keeps the TLS client certificate current: the source (a file or an exec plugin) may replace it, and the TLS
/// layer asks for it synchronously when it opens a connection, so it is fetched here before each request.
/// </summary>
internal sealed class ClientCertificateHandler : DelegatingHandler
{
    private readonly IClientCertificateSource _source;
    private X509Certificate2? _current;

    public ClientCertificateHandler(IClientCertificateSource source, SslClientAuthenticationOptions ssl)
    {
        _source = source;
        ssl.LocalCertificateSelectionCallback = (_, _, _, _, _) => Volatile.Read(ref _current)!;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _current, await _source.GetCertificateAsync(cancellationToken).ConfigureAwait(false));
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
