enum StressChild { static func main() {} }
StressChild.main()
