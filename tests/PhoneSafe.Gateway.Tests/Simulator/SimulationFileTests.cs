using PhoneSafe.Simulator;
using PhoneSafe.Simulator.Provisioning;

namespace PhoneSafe.Gateway.Tests.Simulator;

public sealed class SimulationFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"phonesafe-simulation-{Guid.NewGuid():N}.json");

    [Fact]
    public void SecuredBroker_SurvivesSaveAndLoad_AndGivesATlsEndpointWithAccounts()
    {
        var file = new SimulationFile("hillside", new string('a', 64), [new SimulatedLocker("lk-1", "classroom", 8, new string('b', 64))], [])
        {
            Broker = new SimulatedBroker("broker.hillside.test", 8883, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"),
        };

        file.Save(_path);
        SimulationFile loaded = SimulationFile.Load(_path);

        Assert.Equal(file.Broker, loaded.Broker);
        BrokerEndpoint endpoint = loaded.Broker!.Endpoint(port: 18883);
        Assert.Equal(("broker.hillside.test", 18883), (endpoint.Host, endpoint.Port));
        Assert.Equal(file.Broker.CaCertificate, endpoint.CaCertificatePem);
    }

    [Fact]
    public void PlainFile_HasNoBrokerSection()
    {
        new SimulationFile("hillside", new string('a', 64), [], []).Save(_path);

        Assert.DoesNotContain("broker", File.ReadAllText(_path), StringComparison.Ordinal);
        Assert.Null(SimulationFile.Load(_path).Broker);
    }

    public void Dispose() => File.Delete(_path);
}
