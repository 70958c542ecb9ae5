// Host stand-ins for the nanoFramework.TestFramework attributes, so the tests in Shared/ compile
// unchanged for the device (real package) and for the host (this adapter, run by NanoFrameworkTests).
#pragma warning disable CA1018, CA1813

namespace nanoFramework.TestFramework
{
    /// <summary>Marks a class holding device-compatible tests.</summary>
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class TestClassAttribute : Attribute
    {
    }

    /// <summary>Marks a device-compatible test method.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class TestMethodAttribute : Attribute
    {
    }

    /// <summary>Runs before the tests of a class.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class SetupAttribute : Attribute
    {
    }

    /// <summary>Runs after the tests of a class.</summary>
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class CleanupAttribute : Attribute
    {
    }
}
