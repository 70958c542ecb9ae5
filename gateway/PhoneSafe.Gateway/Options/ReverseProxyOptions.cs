using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace PhoneSafe.Gateway.Options;

/// <summary>
/// A reverse proxy in front of the gateway (appsettings section "ReverseProxyOptions"), off by default. Only the
/// listed proxies are believed about the client's address and scheme (X-Forwarded-For, X-Forwarded-Proto), so the
/// audit log records the real client and the gateway knows the request was HTTPS.
/// </summary>
public sealed class ReverseProxyOptions
{
    /// <summary>Gets or sets the proxies' IP addresses, for example ["10.0.0.5"]. Empty: forwarded headers are ignored.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>
    /// Builds the forwarded-headers settings: client address and scheme, one proxy hop, only from <see cref="KnownProxies"/>.
    /// </summary>
    /// <returns>The settings for <c>UseForwardedHeaders</c>.</returns>
    public ForwardedHeadersOptions ToForwardedHeadersOptions()
    {
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, ForwardLimit = 1 };
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (string address in KnownProxies)
        {
            options.KnownProxies.Add(IPAddress.Parse(address));
        }

        return options;
    }
}
