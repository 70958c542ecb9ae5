using PhoneSafe.Simulator.Provisioning;
using PhoneSafe.Simulator.Scenarios;

namespace PhoneSafe.Gateway.Tests.Simulator;

public sealed class ScenarioLoaderTests
{
    [Theory]
    [InlineData("school-day")]
    [InlineData("outage")]
    [InlineData("tamper")]
    [InlineData("load")]
    public void Load_ShippedScenario_ParsesWithSteps(string name)
    {
        Scenario scenario = ScenarioLoader.Load(name);

        Assert.Equal(name, scenario.Name);
        Assert.NotEmpty(scenario.Steps);
    }

    [Theory]
    [InlineData("""{"steps":[{"at":"25:00","do":"deposit","who":"S001"}]}""", "steps[0].at")]
    [InlineData("""{"steps":[{"at":"08:00","do":"dance","who":"S001"}]}""", "steps[0].do")]
    [InlineData("""{"steps":[{"at":"08:00","until":"09:00","do":"churn"}]}""", "steps[0].rate")]
    [InlineData("""{"date":"18/11/2026"}""", "date")]
    public void Parse_BadField_NamesIt(string json, string field)
    {
        InvalidDataException ex = Assert.Throws<InvalidDataException>(() => ScenarioLoader.Parse(json, "test.json"));

        Assert.Contains(field, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_CommentsAndTrailingCommas_Accepted()
    {
        Scenario scenario = ScenarioLoader.Parse("// a day\n{\"name\":\"x\", \"steps\":[{\"at\":\"08:00\",\"do\":\"deposit\",\"who\":[\"S001\",\"S002\"],},],}", "test.json");

        Assert.Equal(2, scenario.Steps[0].Who.GetArrayLength());
    }

    [Fact]
    public void SimulatedCards_Uid_IsStableAndMarked()
    {
        byte[] uid = SimulatedCards.Uid("demo-school", "S001");

        Assert.Equal(uid, SimulatedCards.Uid("demo-school", "S001"));
        Assert.NotEqual(uid, SimulatedCards.Uid("other-school", "S001"));
        Assert.Equal(7, uid.Length);
        Assert.Equal(SimulatedCards.Marker, uid[0]);
    }
}
