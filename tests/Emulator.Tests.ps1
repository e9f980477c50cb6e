BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
}

Describe 'The HYPR emulator as the Pester suites use it' {
    # No time bound: on a loaded machine (several builds at once) start-up took 2-3.5 s and failed a 2 s limit, and
    # the project's tests assert no timings. Stop-HyprEmulator's own bounded wait keeps this test from hanging.
    It 'starts, answers and stops, leaving no process behind' {
        $emulator = Start-TestEmulator
        $processId = $emulator.Process.Id
        $client = New-EmulatorClient $emulator
        Stop-HyprEmulator $emulator

        $client.clientId | Should -Match '^hypap-'
        Get-Process -Id $processId -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'exits by itself when the process that started it closes its standard input' {
        $emulator = Start-TestEmulator
        $emulator.Process.StandardInput.Close()
        $emulator.Process.WaitForExit(3000) | Should -BeTrue
        $emulator.Process.ExitCode | Should -Be 0
    }
}
