namespace PhoneSafe.Gateway.Provisioning;

/// <summary>
/// What a batch of setup bundles carries.
/// </summary>
/// <param name="School">School identifier.</param>
/// <param name="Lockers">Locker identifiers.</param>
/// <param name="Kind">classroom or office.</param>
/// <param name="Compartments">Compartments per locker, 1 to 16.</param>
/// <param name="WifiSsid">The school Wi-Fi network the lockers join.</param>
/// <param name="WifiPassword">Its password (empty for an open network).</param>
/// <param name="BrokerHost">The broker's host name or address, as the lockers reach it.</param>
/// <param name="BrokerPort">The broker's TLS port.</param>
/// <param name="BrokerCaPem">The certificate authority of the broker's certificate, PEM.</param>
/// <param name="ValidFor">How long the bundles stay valid.</param>
public sealed record SetupSheetRequest(
    string School,
    IReadOnlyList<string> Lockers,
    string Kind,
    int Compartments,
    string WifiSsid,
    string WifiPassword,
    string BrokerHost,
    int BrokerPort,
    string BrokerCaPem,
    TimeSpan ValidFor);
