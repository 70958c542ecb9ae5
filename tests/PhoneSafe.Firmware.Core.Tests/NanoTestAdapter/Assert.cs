// Host implementation of the nanoFramework.TestFramework Assert methods used in Shared/,
// with the same names and parameter order (expected first), throwing xunit failures.
namespace nanoFramework.TestFramework
{
    /// <summary>The subset of nanoFramework's Assert used by the shared tests.</summary>
    public static class Assert
    {
        /// <summary>Fails unless the condition is true.</summary>
        public static void IsTrue(bool condition, string message = "") => Xunit.Assert.True(condition, message);

        /// <summary>Fails unless the condition is false.</summary>
        public static void IsFalse(bool condition, string message = "") => Xunit.Assert.False(condition, message);

        /// <summary>Fails unless both are equal.</summary>
        public static void AreEqual(long expected, long actual, string message = "") => Xunit.Assert.True(expected == actual, $"Expected {expected}, actual {actual}. {message}");

        /// <summary>Fails unless both are equal.</summary>
        public static void AreEqual(string expected, string actual, string message = "") => Xunit.Assert.True(expected == actual, $"Expected '{expected}', actual '{actual}'. {message}");

        /// <summary>Fails unless both are equal.</summary>
        public static void AreEqual(bool expected, bool actual, string message = "") => Xunit.Assert.True(expected == actual, $"Expected {expected}, actual {actual}. {message}");

        /// <summary>Fails unless both are equal.</summary>
        public static void AreEqual(object expected, object actual, string message = "") => Xunit.Assert.True(Equals(expected, actual), $"Expected {expected}, actual {actual}. {message}");

        /// <summary>Fails when both are equal.</summary>
        public static void AreNotEqual(long notExpected, long actual, string message = "") => Xunit.Assert.True(notExpected != actual, $"Did not expect {actual}. {message}");

        /// <summary>Fails unless the value is null.</summary>
        public static void IsNull(object value, string message = "") => Xunit.Assert.True(value is null, $"Expected null, actual {value}. {message}");

        /// <summary>Fails when the value is null.</summary>
        public static void IsNotNull(object value, string message = "") => Xunit.Assert.True(value is not null, $"Expected a value. {message}");

        /// <summary>Fails unless the action throws the exception type.</summary>
        public static void ThrowsException(Type exceptionType, Action action, string message = "")
        {
            Exception thrown = Xunit.Record.Exception(action);
            Xunit.Assert.True(thrown is not null && exceptionType.IsInstanceOfType(thrown), $"Expected {exceptionType.Name}, got {thrown?.GetType().Name ?? "nothing"}. {message}");
        }
    }
}
