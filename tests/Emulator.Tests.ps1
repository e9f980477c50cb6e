BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
}

Describe 'The HYPR emulator as the Pester suites use it' {
    It 'starts, answers and stops in well under 2 seconds, leaving no process behind' {
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $emulator = Start-TestEmulator
        $processId = $emulator.Process.Id
        $client = New-EmulatorClient $emulator
        Stop-HyprEmulator $emulator
        $clock.Stop()

        $client.clientId | Should -Match '^hypap-'
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 2
        Get-Process -Id $processId -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'exits by itself when the process that started it closes its standard input' {
        $emulator = Start-TestEmulator
        $emulator.Process.StandardInput.Close()
        $emulator.Process.WaitForExit(3000) | Should -BeTrue
        $emulator.Process.ExitCode | Should -Be 0
    }
}
