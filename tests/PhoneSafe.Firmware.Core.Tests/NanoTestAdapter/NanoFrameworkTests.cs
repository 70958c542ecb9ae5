using System.Reflection;
using nanoFramework.TestFramework;
using Xunit;

namespace PhoneSafe.Firmware.Core.Tests.NanoTestAdapter;

/// <summary>
/// Runs every [TestClass]/[TestMethod] of Shared/ (written for nanoFramework.TestFramework, also compiled
/// into the on-device test project) as one xunit test case each.
/// </summary>
public sealed class NanoFrameworkTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (MethodInfo method in TestMethods())
        {
            data.Add($"{method.DeclaringType.Name}.{method.Name}");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Run(string test)
    {
        MethodInfo method = TestMethods().Single(m => $"{m.DeclaringType.Name}.{m.Name}" == test);
        Type type = method.DeclaringType;
        object instance = method.IsStatic ? null : Activator.CreateInstance(type);
        InvokeAll(type, typeof(SetupAttribute), instance);
        try
        {
            Invoke(method, instance);
        }
        finally
        {
            InvokeAll(type, typeof(CleanupAttribute), instance);
        }
    }

    private static IEnumerable<MethodInfo> TestMethods() =>
        typeof(NanoFrameworkTests).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<TestClassAttribute>() is not null)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            .Where(m => m.GetCustomAttribute<TestMethodAttribute>() is not null)
            .OrderBy(m => m.DeclaringType.Name).ThenBy(m => m.Name);

    private static void InvokeAll(Type type, Type attribute, object instance)
    {
        foreach (MethodInfo method in type.GetMethods().Where(m => m.GetCustomAttribute(attribute) is not null))
        {
            Invoke(method, instance);
        }
    }

    private static void Invoke(MethodInfo method, object instance)
    {
        try
        {
            method.Invoke(method.IsStatic ? null : instance, null);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
        }
    }
}
