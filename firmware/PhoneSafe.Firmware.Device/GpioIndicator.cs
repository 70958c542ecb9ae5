using System;
using System.Device.Gpio;
using System.Threading;

namespace PhoneSafe.Firmware.Device
{
    /// <summary>
    /// Green LED, red LED and active buzzer on GPIOs (high = on), refreshed by a timer every 50 ms.
    /// </summary>
    public sealed class GpioIndicator : IndicatorBase, IDisposable
    {
        /// <summary>How often the outputs are refreshed, in milliseconds.</summary>
        public const int RefreshMilliseconds = 50;

        private readonly GpioController _controller;
        private readonly int _greenPin;
        private readonly int _redPin;
        private readonly int _buzzerPin;
        private readonly bool _shouldDispose;
        private readonly Timer _timer;

        /// <summary>
        /// Initializes a new instance of the <see cref="GpioIndicator"/> class, with everything off.
        /// </summary>
        /// <param name="controller">The shared GPIO controller.</param>
        /// <param name="greenPin">GPIO of the green LED.</param>
        /// <param name="redPin">GPIO of the red LED.</param>
        /// <param name="buzzerPin">GPIO of the buzzer transistor.</param>
        /// <param name="shouldDispose">true to dispose <paramref name="controller"/> with this object.</param>
        public GpioIndicator(GpioController controller, int greenPin, int redPin, int buzzerPin, bool shouldDispose = true)
        {
            _controller = controller ?? throw new ArgumentNullException(nameof(controller));
            _greenPin = greenPin;
            _redPin = redPin;
            _buzzerPin = buzzerPin;
            _shouldDispose = shouldDispose;

            _controller.OpenPin(_greenPin, PinMode.Output);
            _controller.OpenPin(_redPin, PinMode.Output);
            _controller.OpenPin(_buzzerPin, PinMode.Output);
            SetOutputs(false, false, false);
            _timer = new Timer(OnTimer, null, 0, RefreshMilliseconds);
        }

        /// <summary>
        /// Stops the timer, switches everything off and closes the GPIOs.
        /// </summary>
        public void Dispose()
        {
            _timer.Dispose();
            SetOutputs(false, false, false);
            _controller.ClosePin(_greenPin);
            _controller.ClosePin(_redPin);
            _controller.ClosePin(_buzzerPin);
            if (_shouldDispose)
            {
                _controller.Dispose();
            }
        }

        /// <summary>
        /// Drives the three GPIOs.
        /// </summary>
        /// <param name="green">Whether the green LED is on.</param>
        /// <param name="red">Whether the red LED is on.</param>
        /// <param name="buzzer">Whether the buzzer sounds.</param>
        protected override void SetOutputs(bool green, bool red, bool buzzer)
        {
            _controller.Write(_greenPin, green ? PinValue.High : PinValue.Low);
            _controller.Write(_redPin, red ? PinValue.High : PinValue.Low);
            _controller.Write(_buzzerPin, buzzer ? PinValue.High : PinValue.Low);
        }

        private void OnTimer(object state)
        {
            Update(Environment.TickCount64);
        }
    }
}
