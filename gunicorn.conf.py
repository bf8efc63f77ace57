# gunicorn settings for the web service (docker-compose.yml, Dockerfile): gunicorn reads this file
# from the working directory. The access log goes to stdout with URL secrets redacted.
bind = "0.0.0.0:8000"  # inside the container; compose publishes it on 127.0.0.1 only
workers = 3
accesslog = "-"
logger_class = "rwg_portal.gunicorn_logging.RedactingLogger"
