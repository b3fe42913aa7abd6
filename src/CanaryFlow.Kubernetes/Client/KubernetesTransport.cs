using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using CanaryFlow.Kubernetes.Config;
using Microsoft.Extensions.Logging;

namespace CanaryFlow.Kubernetes.Client;

/// <summary>
/// Builds the HTTP pipeline for one API server: TLS verified against the cluster's own CA (or the system roots),
/// client certificates, HTTP/2 where the server offers it with keep-alive pings so a dead connection is noticed,
/// several HTTP/2 connections so many watches are not capped by the stream limit, then authentication, retries,
/// the rate limit and observation.
/// </summary>
internal static class KubernetesTransport
{
    public static HttpClient Create(KubernetesConnection connection, KubernetesClientOptions options, ILogger logger, out RetryingHandler retries)
    {
        var sockets = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(15),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AutomaticDecompression = DecompressionMethods.GZip,
            UseProxy = connection.Proxy is not null,
            Proxy = connection.Proxy is null ? null : new WebProxy(connection.Proxy),
        };
        ConfigureTls(sockets.SslOptions, connection);

        HttpMessageHandler inner = sockets;
        if (connection.ClientCertificate is { } certificates)
        {
            inner = new ClientCertificateHandler(certificates, sockets.SslOptions) { InnerHandler = inner };
        }

        if (connection.Authentication is { } authentication)
        {
            inner = new AuthenticatingHandler(authentication) { InnerHandler = inner };
        }

        retries = new RetryingHandler(options.Retry, options.Clock) { InnerHandler = inner };
        var limited = new RateLimitingHandler(new TokenBucket(options.Qps, options.Burst, options.Clock)) { InnerHandler = retries };
        var observed = new ObservingHandler(options.RequestCompleted, options.Clock, logger) { InnerHandler = limited };
        var client = new HttpClient(observed)
        {
            BaseAddress = connection.Server,
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
        client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        return client;
    }

    private static void ConfigureTls(SslClientAuthenticationOptions ssl, KubernetesConnection connection)
    {
        ssl.TargetHost = connection.TlsServerName ?? connection.Server.IdnHost;
        ssl.ApplicationProtocols = [SslApplicationProtocol.Http2, SslApplicationProtocol.Http11];
        if (connection.InsecureSkipTlsVerify)
        {
            ssl.RemoteCertificateValidationCallback = (_, _, _, _) => true;
            return;
        }

        if (connection.CertificateAuthorities is { Count: > 0 } roots)
        {
            // Trust the cluster's CA and nothing else; the server name is checked as usual.
            ssl.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(roots);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
                return chain.Build(leaf);
            };
        }
    }
}
