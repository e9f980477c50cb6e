BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
}

Describe 'The HYPR emulator as the Pester suites use it' {
    # Not timed: on a shared machine (load 16 on 2 cores) a start took 3.4 s, and the suite's rule is no timed assertions.
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
